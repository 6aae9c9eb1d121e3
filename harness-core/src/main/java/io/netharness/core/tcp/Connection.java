package io.netharness.core.tcp;

import io.netharness.core.Chunk;
import io.netharness.core.Component;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * One connected TCP socket as a component (Kamaelia's ConnectedSocketAdapter): what arrives on its inbox
 * is sent, what it reads comes out of its outbox, and its signal announces a
 * {@link io.netharness.core.Lifecycle.SocketShutdown} when the socket closes, whichever side closed it.
 *
 * <p>A connection is already started when handed out; {@link #start()} does nothing. Its control inbox
 * understands {@link io.netharness.core.Lifecycle.ProducerFinished} (send what is queued, then close) and
 * {@link io.netharness.core.Lifecycle.ServerShutdown} (close now). When the peer is slower than the
 * sender, the inbox fills and refuses; when the outbox's reader is slow, the socket stops reading.
 * After the socket closed, the inbox refuses messages with an {@link IllegalStateException}.
 *
 * <p>{@link #close()} waits up to the settings' close timeout, except on an event loop, where it only
 * starts the close. The server that accepted the connection also closes it when the server closes.
 */
public interface Connection extends Component<Chunk, Chunk> {

    /** This end of the connection. */
    InetSocketAddress localAddress();

    /** The peer's end of the connection. */
    InetSocketAddress remoteAddress();

    /** Whether the socket is still open. */
    boolean isOpen();

    /** Completes (on an event loop) once the socket has closed. */
    CompletionStage<Void> closed();
}
