package io.netharness.core.tcp;

import io.netharness.core.Chunk;
import io.netharness.core.Component;
import io.netharness.core.internal.Addresses;
import io.netharness.core.internal.EventLoopTcpClient;
import io.netharness.core.internal.ThreadedTcpClient;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TCP client as a component (Kamaelia's TCPClient and ThreadedTCPClient): what arrives on its inbox is
 * sent to the server, what the server sends comes out of its outbox, and its signal announces a
 * {@link io.netharness.core.Lifecycle.SocketShutdown} when the connection closes or a
 * {@link io.netharness.core.Lifecycle.ConnectionFailed} when it could not be made.
 *
 * <p>Two implementations share this interface: {@link #onEventLoop} runs the socket on a Netty event loop
 * (idle connections cost no thread); {@link #threaded} uses a blocking {@link java.net.Socket} with a
 * reader and a writer thread of its own, named {@code netharness-tcp-client-LOCALPORT-reader} and {@code -writer}.
 *
 * <p><b>Lifecycle.</b> {@link #start()} connects and returns once connected; if the connection cannot be
 * made it throws (an {@link java.io.UncheckedIOException} whose message names {@code host:port}, with the
 * real exception as cause) and signals {@code ConnectionFailed}. Call it from a thread that may block, not
 * from an event loop. The control inbox understands {@link io.netharness.core.Lifecycle.ProducerFinished}
 * (send what is queued, then close). {@link #close()} closes the socket and waits for the client's threads.
 */
public interface TcpClient extends Component<Chunk, Chunk> {

    /** An event-loop client for {@code host:port} with {@link ConnectionSettings#defaults()}. */
    static TcpClient onEventLoop(String host, int port) {
        return onEventLoop(Addresses.resolve(host, port, 1), ConnectionSettings.defaults());
    }

    /** An event-loop client for {@code server}. */
    static TcpClient onEventLoop(InetSocketAddress server, ConnectionSettings settings) {
        return new EventLoopTcpClient(checkTarget(server), Objects.requireNonNull(settings, "settings"));
    }

    /** A threaded client for {@code host:port} with {@link ConnectionSettings#defaults()}. */
    static TcpClient threaded(String host, int port) {
        return threaded(Addresses.resolve(host, port, 1), ConnectionSettings.defaults());
    }

    /** A threaded client for {@code server}; the settings' event-loop group is not used. */
    static TcpClient threaded(InetSocketAddress server, ConnectionSettings settings) {
        return new ThreadedTcpClient(checkTarget(server), Objects.requireNonNull(settings, "settings"));
    }

    /** The server this client connects to. */
    InetSocketAddress remoteAddress();

    /** This end of the connection; throws {@link IllegalStateException} unless connected. */
    InetSocketAddress localAddress();

    /** Whether the connection is open. */
    boolean isConnected();

    private static InetSocketAddress checkTarget(InetSocketAddress server) {
        Objects.requireNonNull(server, "server");
        Addresses.checkPort(server.getPort(), 1);
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("server: " + server + " (expected: a resolved address)");
        }
        return server;
    }
}
