package io.netharness.core.tcp;

import io.netharness.core.Format;
import io.netharness.core.internal.ChannelConnection;
import io.netharness.core.internal.Futures;
import io.netharness.core.internal.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;

/** {@link TcpClient} whose socket runs on a Netty event loop. */
final class EventLoopTcpClient extends AbstractTcpClient {

    private final EventLoopGroup group;
    private volatile Channel channel;

    EventLoopTcpClient(InetSocketAddress server, ConnectionSettings settings) {
        super("TcpClient", server, settings);
        this.group = settings.eventLoopGroup().orElseGet(Transports::sharedGroup);
    }

    @Override
    public TcpClient start() {
        if (!state.tryStart()) {
            return this;
        }
        ChannelFuture connect = new Bootstrap()
                .group(group)
                .channel(Transports.socketChannelClass(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelConnection.install(ch.pipeline(), settings, EventLoopTcpClient.this);
                    }
                })
                .connect(server);
        channel = connect.channel();
        boolean done;
        try {
            done = Futures.await(connect, settings.connectTimeout().plusSeconds(1), "connect to "
                    + Format.address(server));
        } catch (IllegalStateException interrupted) {
            connect.channel().close();
            throw interrupted;
        }
        if (!done || !connect.isSuccess()) {
            Throwable cause = done ? connect.cause() : new IOException("connect timed out after "
                    + settings.connectTimeout());
            connect.channel().close();
            throw connectFailed(cause);
        }
        return this;
    }

    @Override
    protected InetSocketAddress connectedLocalAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public boolean isConnected() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    @Override
    public void close() {
        if (!state.tryClose()) {
            return;
        }
        inbox().close(toString());
        Channel ch = channel;
        if (ch != null) {
            ch.close();
            if (!Futures.inEventLoop(group)) {
                Futures.awaitClosed(ch.closeFuture(), settings.closeTimeout(), "TcpClient[" + Format.address(server) + "]");
            }
        }
    }

    @Override
    public String toString() {
        Channel ch = channel;
        String target = Format.address(server);
        if (ch == null) {
            return state.describe(() -> "connecting to " + target);
        }
        return state.describe(() -> ch.isActive() ? Format.address(ch.localAddress()) + "->" + target
                : "disconnected from " + target);
    }
}
