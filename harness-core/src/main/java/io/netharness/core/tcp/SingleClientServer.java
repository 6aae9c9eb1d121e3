package io.netharness.core.tcp;

import io.netharness.core.Chunk;
import io.netharness.core.Component;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
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

    /** A single-client server on loopback port 0 with default settings. */
    public SingleClientServer() {
        this(0, ConnectionSettings.defaults());
    }

    /** A single-client server on loopback {@code port} (0 picks a free one). */
    public SingleClientServer(int port, ConnectionSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.inbox = new Inbox<>("SingleClientServer.inbox", settings.boxCapacity());
        this.outbox = new Outbox<>("SingleClientServer.outbox", settings.boxCapacity());
        this.server = TcpServer.builder().port(port).settings(settings).onConnection(this::accept).build();
        server.signal().linkTo(signal);
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
    public void start() {
        if (state.tryStart()) {
            server.start();
        }
    }

    /** The address the server listens on. */
    public InetSocketAddress localAddress() {
        return server.localAddress();
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
