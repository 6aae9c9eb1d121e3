package io.netharness.core.internal;

import io.netharness.core.Chunk;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netharness.core.tcp.ConnectionSettings;
import io.netharness.core.tcp.TcpClient;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** {@link TcpClient} whose socket runs on a Netty event loop. */
public final class EventLoopTcpClient implements TcpClient {

    private final InetSocketAddress server;
    private final ConnectionSettings settings;
    private final EventLoopGroup group;
    private final LifecycleState state = new LifecycleState("TcpClient");
    private final Inbox<Chunk> inbox;
    private final Outbox<Chunk> outbox;
    private final Inbox<Lifecycle> control;
    private final Outbox<Lifecycle> signal;
    private volatile Channel channel;

    public EventLoopTcpClient(InetSocketAddress server, ConnectionSettings settings) {
        this.server = server;
        this.settings = settings;
        this.group = settings.eventLoopGroup().orElseGet(Transports::sharedGroup);
        String name = "TcpClient[" + Addresses.format(server) + "]";
        this.inbox = new Inbox<>(name + ".inbox", settings.boxCapacity());
        this.outbox = new Outbox<>(name + ".outbox", settings.boxCapacity());
        this.control = Inbox.unbounded(name + ".control");
        this.signal = Outbox.unbounded(name + ".signal");
    }

    @Override
    public void start() {
        if (!state.tryStart()) {
            return;
        }
        ChannelFuture connect = new Bootstrap()
                .group(group)
                .channel(Transports.socketChannelClass(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelConnection.install(ch.pipeline(), settings, inbox, outbox, control, signal);
                    }
                })
                .connect(server);
        channel = connect.channel();
        boolean done;
        try {
            done = Futures.await(connect, settings.connectTimeout().plusSeconds(1), "connect to "
                    + Addresses.format(server));
        } catch (IllegalStateException interrupted) {
            connect.channel().close();
            throw interrupted;
        }
        if (!done || !connect.isSuccess()) {
            Throwable cause = done ? connect.cause() : new IOException("connect timed out after "
                    + settings.connectTimeout());
            connect.channel().close();
            signal.offer(new Lifecycle.ConnectionFailed(server, cause));
            inbox.close("connection to " + Addresses.format(server) + " failed");
            String message = "cannot connect to " + Addresses.format(server) + ": " + cause.getMessage();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(message, io);
            }
            throw new IllegalStateException(message, cause);
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return server;
    }

    @Override
    public InetSocketAddress localAddress() {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            throw new IllegalStateException("cannot read the local address: " + this + " is not connected");
        }
        return (InetSocketAddress) ch.localAddress();
    }

    @Override
    public boolean isConnected() {
        Channel ch = channel;
        return ch != null && ch.isActive();
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
        return control;
    }

    @Override
    public Outbox<Lifecycle> signal() {
        return signal;
    }

    @Override
    public void close() {
        if (!state.tryClose()) {
            return;
        }
        inbox.close(toString());
        Channel ch = channel;
        if (ch != null) {
            ch.close();
            if (!Futures.inEventLoop(group)) {
                Futures.awaitClosed(ch.closeFuture(), settings.closeTimeout(), "TcpClient[" + Addresses.format(server) + "]");
            }
        }
    }

    @Override
    public String toString() {
        Channel ch = channel;
        String target = Addresses.format(server);
        if (ch == null) {
            return state.describe(() -> "connecting to " + target);
        }
        return state.describe(() -> ch.isActive() ? Addresses.format(ch.localAddress()) + "->" + target
                : "disconnected from " + target);
    }
}
