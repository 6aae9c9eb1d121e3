package io.netharness.core.tcp;

import io.netharness.core.Format;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netharness.core.internal.Addresses;
import io.netharness.core.internal.ChannelConnection;
import io.netharness.core.internal.FailureRecorder;
import io.netharness.core.internal.Futures;
import io.netharness.core.internal.LifecycleState;
import io.netharness.core.internal.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The listening socket (Kamaelia's TCPServer): for every accepted connection it creates a
 * {@link Connection}, hands it to the {@code onConnection} callback, and announces
 * {@link Lifecycle.ConnectionOpened} and later {@link Lifecycle.ConnectionClosed} on its signal outbox.
 * {@link SingleClientServer} and {@link MultiClientServer} are built on it.
 *
 * <p><b>Threads.</b> {@code onConnection} runs on the new connection's event loop before anything is read
 * from it; link the connection's boxes there and do not block. If it throws, the connection is closed and the
 * server has failed: it signals {@link Lifecycle.ComponentFailed}, reports to the
 * {@link io.netharness.core.FailureScope} it was built in, and {@link #close()} throws the failure as a
 * {@link io.netharness.core.ComponentFailedException} (the server keeps accepting until then).
 *
 * <p><b>Lifecycle.</b> Binds loopback ({@code 127.0.0.1}) port 0 unless told otherwise. {@link #start()}
 * binds and is idempotent; binding an address in use throws an {@link UncheckedIOException} naming the
 * address, with the real exception as cause. {@link #close()} closes the listening socket and every
 * accepted connection, waits for them (failing after the close timeout), and announces
 * {@link Lifecycle.ServerShutdown}; it is idempotent and there is no restart. A {@code ServerShutdown} on
 * the control inbox starts the same close without waiting.
 */
public final class TcpServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TcpServer.class.getName());

    private final InetSocketAddress bindAddress;
    private final ConnectionSettings settings;
    private final Consumer<? super Connection> onConnection;
    private final EventLoopGroup group;
    private final LifecycleState state = new LifecycleState("TcpServer");
    private final Inbox<Lifecycle> control = Inbox.unbounded("TcpServer.control");
    private final Outbox<Lifecycle> signal = Outbox.unbounded("TcpServer.signal");
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private final FailureRecorder failures;
    private volatile Channel serverChannel;
    private volatile boolean stopping;

    private TcpServer(Builder builder) {
        this.bindAddress = builder.bindAddress;
        this.settings = builder.settings;
        this.onConnection = builder.onConnection;
        this.group = settings.eventLoopGroup().orElseGet(Transports::sharedGroup);
        this.failures = new FailureRecorder(this::toString, signal);
    }

    /** A builder for a server on {@code 127.0.0.1:0} that hands each connection to nobody. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link TcpServer}. */
    public static final class Builder {
        private InetSocketAddress bindAddress = Addresses.loopback(0);
        private ConnectionSettings settings = ConnectionSettings.defaults();
        private Consumer<? super Connection> onConnection = connection -> { };

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

        /** Called for every accepted connection, on its event loop, before it is read. */
        public Builder onConnection(Consumer<? super Connection> callback) {
            this.onConnection = Objects.requireNonNull(callback, "callback");
            return this;
        }

        public TcpServer build() {
            return new TcpServer(this);
        }
    }

    /** Binds the listening socket; idempotent. */
    public TcpServer start() {
        if (!state.tryStart()) {
            return this;
        }
        control.onArrival(this::handleControl);
        ChannelFuture bind = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverSocketChannelClass(group))
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel child) {
                        accept(child);
                    }
                })
                .bind(bindAddress);
        if (!Futures.await(bind, settings.closeTimeout(), "bind of " + Format.address(bindAddress))
                || !bind.isSuccess()) {
            bind.channel().close();
            state.tryClose();
            Throwable cause = bind.cause() != null ? bind.cause() : new IOException("bind timed out");
            String message = "cannot bind " + Format.address(bindAddress) + ": " + cause.getMessage();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(message, io);
            }
            throw new IllegalStateException(message, cause);
        }
        serverChannel = bind.channel();
        return this;
    }

    private void accept(Channel child) {
        if (stopping) {
            child.close();
            return;
        }
        connections.add(child);
        ChannelConnection connection = ChannelConnection.accepted(child, settings);
        InetSocketAddress local = connection.localAddress();
        InetSocketAddress remote = connection.remoteAddress();
        child.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                connections.remove(ctx.channel());
                signal.offer(new Lifecycle.ConnectionClosed(local, remote));
                ctx.fireChannelInactive();
            }
        });
        signal.offer(new Lifecycle.ConnectionOpened(local, remote));
        try {
            onConnection.accept(connection);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LOG.log(Level.DEBUG, () -> this + ": onConnection failed for " + connection + "; closing it", t);
            child.close();
            failed(t);
        }
    }

    /** The server, or something it runs for a connection (a callback, a protocol handler), failed. */
    void failed(Throwable cause) {
        failures.failed(cause);
    }

    /** Throws a failure recorded since close() last threw one (a handler that failed while it was closed). */
    void throwIfFailed() {
        failures.throwIfFailed();
    }

    private void handleControl() {
        Lifecycle message;
        while ((message = control.poll()) != null) {
            if (message instanceof Lifecycle.ServerShutdown) {
                stop();
            }
        }
    }

    /** Starts closing the listening socket and all connections, without waiting. */
    void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        Channel listener = serverChannel;
        if (listener != null) {
            listener.close();
        }
        connections.forEach(Channel::close);
    }

    /** The address the server listens on; throws {@link IllegalStateException} unless started. */
    public InetSocketAddress address() {
        state.checkStarted("read the address");
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The port the server listens on. */
    public int port() {
        return address().getPort();
    }

    /** How many accepted connections are open. */
    public int connectionCount() {
        return connections.size();
    }

    /** Takes {@link Lifecycle.ServerShutdown} to stop the server. */
    public Inbox<Lifecycle> control() {
        return control;
    }

    /** Announces connections opened and closed, and the server's own shutdown. */
    public Outbox<Lifecycle> signal() {
        return signal;
    }

    /** The settings every accepted connection uses. */
    public ConnectionSettings settings() {
        return settings;
    }

    /**
     * Closes the listening socket and every connection and waits for them; idempotent.
     *
     * @throws io.netharness.core.ComponentFailedException once, if a callback or handler failed while the server ran
     */
    @Override
    public void close() {
        if (!state.tryClose()) {
            failures.throwIfFailed();
            return;
        }
        control.onArrival(null);
        control.close("TcpServer is closed");
        stop();
        if (!Futures.inEventLoop(group)) {
            List<Channel> toWait = new ArrayList<>(connections);
            Channel listener = serverChannel;
            if (listener != null) {
                toWait.add(listener);
            }
            for (Channel channel : toWait) {
                Futures.awaitClosed(channel.closeFuture(), settings.closeTimeout(), "TcpServer channel " + channel);
            }
        }
        signal.offer(new Lifecycle.ServerShutdown());
        failures.throwIfFailed();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return state.isClosed();
    }

    @Override
    public String toString() {
        Channel listener = serverChannel;
        return state.describe(() -> listener == null || listener.localAddress() == null ? "binding"
                : "port=" + ((InetSocketAddress) listener.localAddress()).getPort());
    }
}
