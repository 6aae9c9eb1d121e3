package io.netharness.core.tcp;

import io.netharness.core.Chunk;
import io.netharness.core.Component;
import io.netharness.core.internal.Addresses;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TCP client as a component (Kamaelia's TCPClient and ThreadedTCPClient): what arrives on its inbox is
 * sent to the server, what the server sends comes out of its outbox, and its signal announces a
 * {@link io.netharness.core.Lifecycle.SocketShutdown} when the connection closes or a
 * {@link io.netharness.core.Lifecycle.ConnectionFailed} when it could not be made.
 *
 * <p>Two implementations share this interface, both made by {@link #builder}: by default the socket runs on a
 * Netty event loop (idle connections cost no thread); {@link Builder#threaded()} uses a blocking
 * {@link java.net.Socket} with a reader and a writer thread of its own, named
 * {@value #THREAD_NAME_PREFIX}{@code LOCALPORT-reader} and {@code -writer}.
 *
 * <pre>{@code
 * try (TcpClient client = TcpClient.builder("127.0.0.1", server.port()).build().start()) {
 *     client.inbox().put(Chunk.ofUtf8("hello"));
 *     Chunk reply = client.outbox().take(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link #start()} connects and returns once connected; if the connection cannot be
 * made it throws (an {@link java.io.UncheckedIOException} whose message names {@code host:port}, with the
 * real exception as cause) and signals {@code ConnectionFailed}. Call it from a thread that may block, not
 * from an event loop. The control inbox understands {@link io.netharness.core.Lifecycle.ProducerFinished}
 * (send what is queued, then close). {@link #close()} closes the socket and waits for the client's threads.
 */
public interface TcpClient extends Component<Chunk, Chunk> {

    /** Prefix of the names of a threaded client's threads; then come the local port and the role. */
    String THREAD_NAME_PREFIX = "netharness-tcp-client-";

    /** A builder for a client of {@code host:port} ({@code host} is resolved when the builder is made). */
    static Builder builder(String host, int port) {
        return new Builder(Addresses.resolve(host, port, 1));
    }

    /** A builder for a client of {@code server}, a resolved address with a port above 0. */
    static Builder builder(InetSocketAddress server) {
        Objects.requireNonNull(server, "server");
        Addresses.checkPort(server.getPort(), 1);
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("server: " + server + " (expected: a resolved address)");
        }
        return new Builder(server);
    }

    /** Connects; idempotent. Throws, naming the server, if the connection cannot be made. */
    @Override
    TcpClient start();

    /** The server this client connects to. */
    InetSocketAddress remoteAddress();

    /** This end of the connection; throws {@link IllegalStateException} unless connected. */
    InetSocketAddress localAddress();

    /** Whether the connection is open. */
    boolean isConnected();

    /** Configures a {@link TcpClient}: event loop (the default) or threaded, and its settings. */
    final class Builder {
        private final InetSocketAddress server;
        private ConnectionSettings settings = ConnectionSettings.defaults();
        private boolean threaded;

        private Builder(InetSocketAddress server) {
            this.server = server;
        }

        /** Box sizes, timeouts and (for the event-loop client) the event loops. */
        public Builder settings(ConnectionSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * A blocking socket with a reader and a writer thread of its own (Kamaelia's ThreadedTCPClient) instead of
         * an event loop; the settings' event-loop group is not used.
         */
        public Builder threaded() {
            threaded = true;
            return this;
        }

        public TcpClient build() {
            return threaded ? new ThreadedTcpClient(server, settings) : new EventLoopTcpClient(server, settings);
        }
    }
}
