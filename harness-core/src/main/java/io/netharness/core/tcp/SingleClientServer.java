package io.netharness.core.tcp;

import io.netharness.core.Chunk;
import io.netharness.core.Component;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netharness.core.internal.Addresses;
import io.netharness.core.internal.LifecycleState;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server that talks to one client at a time through its own inbox and outbox (Kamaelia's SingleServer).
 *
 * <p><b>One client.</b> Following Kamaelia, while a client is connected any further client is accepted
 * and closed at once (it sees the connection close without data); once the current client disconnects,
 * the next one to connect takes its place. Messages put on the inbox while no client is connected wait
 * there and go to the next client. The signal outbox carries the underlying server's
 * {@link Lifecycle.ConnectionOpened}/{@link Lifecycle.ConnectionClosed} (also for refused clients) and the
 * current client's {@link Lifecycle.SocketShutdown}.
 *
 * <p><b>Lifecycle</b> as {@link TcpServer}: loopback port 0 by default, idempotent {@code start()} and
 * {@code close()}, no restart. The control inbox takes {@link Lifecycle.ServerShutdown}.
 */
public final class SingleClientServer implements Component<Chunk, Chunk> {

    private final LifecycleState state = new LifecycleState("SingleClientServer");
    private final TcpServer server;
    private final Inbox<Chunk> inbox;
    private final Outbox<Chunk> outbox;
    private final Outbox<Lifecycle> signal = Outbox.unbounded("SingleClientServer.signal");
    private final AtomicReference<Connection> current = new AtomicReference<>();

    private SingleClientServer(Builder builder) {
        ConnectionSettings settings = builder.settings;
        this.inbox = new Inbox<>("SingleClientServer.inbox", settings.boxCapacity());
        this.outbox = new Outbox<>("SingleClientServer.outbox", settings.boxCapacity());
        this.server = TcpServer.builder().bindAddress(builder.bindAddress).settings(settings)
                .onConnection(this::accept).build();
        server.signal().linkTo(signal);
    }

    /** A builder for a single-client server on {@code 127.0.0.1:0} with default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link SingleClientServer}. */
    public static final class Builder {
        private InetSocketAddress bindAddress = Addresses.loopback(0);
        private ConnectionSettings settings = ConnectionSettings.defaults();

        private Builder() {
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

        public Builder settings(ConnectionSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public SingleClientServer build() {
            return new SingleClientServer(this);
        }
    }

    private void accept(Connection connection) {
        if (!current.compareAndSet(null, connection)) {
            connection.close(); // on the event loop this only starts the close: Kamaelia's behaviour
            return;
        }
        connection.outbox().linkTo(outbox);
        connection.signal().linkTo(signal);
        inbox.passThroughTo(connection.inbox());
        connection.closed().thenRun(() -> {
            inbox.passThroughTo(null);
            current.compareAndSet(connection, null);
        });
    }

    @Override
    public SingleClientServer start() {
        if (state.tryStart()) {
            server.start();
        }
        return this;
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return server.address();
    }

    public int port() {
        return server.port();
    }

    /** Whether a client is connected now. */
    public boolean hasClient() {
        return current.get() != null;
    }

    @Override
    public Inbox<Chunk> inbox() {
        return inbox;
    }

    @Override
    public Outbox<Chunk> outbox() {
        return outbox;
    }

    @Override
    public Inbox<Lifecycle> control() {
        return server.control();
    }

    @Override
    public Outbox<Lifecycle> signal() {
        return signal;
    }

    @Override
    public void close() {
        if (state.tryClose()) {
            inbox.close("SingleClientServer is closed");
            server.close();
        }
    }

    @Override
    public String toString() {
        Connection client = current.get();
        return state.describe(() -> server.toString().replaceFirst("^TcpServer\\{(.*)}$", "$1")
                + (client != null ? ", client=" + client.remoteAddress().getPort() : ""));
    }
}
