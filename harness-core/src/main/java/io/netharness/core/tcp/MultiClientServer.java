package io.netharness.core.tcp;

import io.netharness.core.Chunk;
import io.netharness.core.Component;
import io.netharness.core.ComponentFailedException;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netharness.core.internal.Addresses;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server that gives every connection its own protocol handler (Kamaelia's ConnectedServer/ServerCore).
 *
 * <p>For each accepted connection it calls the {@link ProtocolFactory} with the peer and local address,
 * links the connection's reads to the handler's inbox and the handler's outbox to the connection, and
 * starts the handler. The handler's <b>control</b> inbox first gets {@link Lifecycle.ConnectionOpened},
 * and {@link Lifecycle.SocketShutdown} when the connection closes. On its <b>signal</b> outbox a handler
 * may send {@link Lifecycle.ProducerFinished} (send what is queued, then close this connection) or
 * {@link Lifecycle.ServerShutdown} (stop the whole server). A handler is closed once it passes the
 * {@code SocketShutdown} on (as {@link io.netharness.core.StreamComponent} does) or when the server closes.
 *
 * <p><b>Failures.</b> If the factory throws (or returns null) or a handler fails
 * ({@link Lifecycle.ComponentFailed} on its signal), that connection is closed and the server has failed, as
 * {@link TcpServer} describes: {@link #close()} throws the first failure, naming the handler.
 *
 * <p>Everything runs on event loops, nothing per connection is a thread, so thousands of clients are
 * cheap. Lifecycle as {@link TcpServer}.
 *
 * <pre>{@code
 * try (MultiClientServer echo = MultiClientServer.builder(info -> StreamComponent.map("echo", chunk -> chunk))
 *         .build().start()) {
 *     // connect clients to echo.address()
 * }
 * }</pre>
 */
public final class MultiClientServer implements AutoCloseable {

    private final ProtocolFactory factory;
    private final TcpServer server;
    private final Map<Connection, Component<Chunk, Chunk>> handlers = new ConcurrentHashMap<>();

    private MultiClientServer(Builder builder) {
        this.factory = builder.factory;
        this.server = TcpServer.builder().bindAddress(builder.bindAddress).settings(builder.settings)
                .onConnection(this::accept).build();
    }

    /** A builder for a server on {@code 127.0.0.1:0} that gives each connection a handler from {@code factory}. */
    public static Builder builder(ProtocolFactory factory) {
        return new Builder(Objects.requireNonNull(factory, "factory"));
    }

    /** Configures a {@link MultiClientServer}. */
    public static final class Builder {
        private final ProtocolFactory factory;
        private InetSocketAddress bindAddress = Addresses.loopback(0);
        private ConnectionSettings settings = ConnectionSettings.defaults();

        private Builder(ProtocolFactory factory) {
            this.factory = factory;
        }

        /** Listen on loopback at {@code port} (0 picks a free one). */
        public Builder port(int port) {
            bindAddress = Addresses.loopback(port);
            return this;
        }

        /** Listen on {@code address}, e.g. {@code [::1]:0} or a wildcard address. */
        public Builder bindAddress(InetSocketAddress address) {
            bindAddress = Addresses.checkBindAddress(address);
            return this;
        }

        /** Box sizes, idle timeout and timeouts of every accepted connection, and the event loops. */
        public Builder settings(ConnectionSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public MultiClientServer build() {
            return new MultiClientServer(this);
        }
    }

    private void accept(Connection connection) {
        ConnectionInfo info = new ConnectionInfo(connection.localAddress(), connection.remoteAddress());
        Component<Chunk, Chunk> handler = Objects.requireNonNull(factory.create(info),
                () -> "ProtocolFactory returned null for " + info);
        handlers.put(connection, handler);
        connection.outbox().linkTo(handler.inbox());
        handler.outbox().linkTo(connection.inbox());
        connection.signal().linkTo(handler.control());
        Inbox<Lifecycle> requests = Inbox.unbounded("MultiClientServer.requests[" + info + "]");
        handler.signal().linkTo(requests);
        requests.onArrival(() -> route(requests, connection));
        handler.control().offer(new Lifecycle.ConnectionOpened(info.local(), info.remote()));
        handler.start();
    }

    /** Acts on what a handler asks for; runs on the handler's thread and must not block. */
    private void route(Inbox<Lifecycle> requests, Connection connection) {
        Lifecycle request;
        while ((request = requests.poll()) != null) {
            if (request instanceof Lifecycle.ServerShutdown) {
                server.stop();
            } else if (request instanceof Lifecycle.ProducerFinished) {
                if (connection.isOpen()) {
                    connection.control().offer(request);
                }
            } else if (request instanceof Lifecycle.SocketShutdown) {
                retire(connection);
            } else if (request instanceof Lifecycle.ComponentFailed failed) {
                server.failed(new ComponentFailedException(failed.component() + " (handler of "
                        + connection.remoteAddress() + ")", failed.cause()));
                connection.close();
            }
        }
    }

    private void retire(Connection connection) {
        Component<Chunk, Chunk> handler = handlers.remove(connection);
        if (handler != null) {
            closeHandler(handler);
        }
    }

    private void closeHandler(Component<Chunk, Chunk> handler) {
        try {
            handler.close();
        } catch (ComponentFailedException failed) {
            // usually passed on by route() already, when the handler signalled it; the server keeps one of each
            server.failed(new ComponentFailedException(failed.component(), failed.getCause()));
        } catch (RuntimeException e) {
            server.failed(new ComponentFailedException("closing protocol handler " + handler, e));
        }
    }

    /** Binds the listening socket; idempotent. */
    public MultiClientServer start() {
        server.start();
        return this;
    }

    public InetSocketAddress address() {
        return server.address();
    }

    public int port() {
        return server.port();
    }

    /** How many connections are open. */
    public int connectionCount() {
        return server.connectionCount();
    }

    /** Takes {@link Lifecycle.ServerShutdown}. */
    public Inbox<Lifecycle> control() {
        return server.control();
    }

    /** Connections opened and closed, and the server's shutdown. */
    public Outbox<Lifecycle> signal() {
        return server.signal();
    }

    /**
     * Closes the listening socket, every connection and every handler still open; idempotent.
     *
     * @throws ComponentFailedException once, if the factory or a handler failed while the server ran
     */
    @Override
    public void close() {
        ComponentFailedException failure = null;
        try {
            server.close();
        } catch (ComponentFailedException e) {
            failure = e; // handlers that fail on close are added to it as suppressed exceptions
        } finally {
            handlers.values().forEach(this::closeHandler);
            handlers.clear();
        }
        if (failure != null) {
            throw failure;
        }
        server.throwIfFailed();
    }

    @Override
    public String toString() {
        return server.toString().replaceFirst("^TcpServer", "MultiClientServer");
    }
}
