package io.netharness.benchmarks.experiment;

import io.netharness.benchmarks.hop.Hop;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * An experiment, not a product: the least a TCP relay on this machine can cost. Both sockets of a connection
 * on one epoll loop, bytes moved by {@code splice(2)} through a pipe, never copied into the JVM. Measured next
 * to the real hops to show what a zero-copy fast path for unimpaired links could gain.
 */
@SuppressWarnings("deprecation") // EpollMode: splice needs level-triggered channels
public final class SpliceProxy implements Hop {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final Channel server;

    public SpliceProxy(InetSocketAddress target) {
        server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<EpollSocketChannel>() {
                    @Override
                    protected void initChannel(EpollSocketChannel client) {
                        relay(client, target);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    private static void relay(EpollSocketChannel client, InetSocketAddress target) {
        new Bootstrap().group(client.eventLoop()).channel(EpollSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<EpollSocketChannel>() {
                    @Override
                    protected void initChannel(EpollSocketChannel ch) {
                    }
                })
                .connect(target).addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        client.close();
                        return;
                    }
                    EpollSocketChannel upstream = (EpollSocketChannel) f.channel();
                    client.spliceTo(upstream, Integer.MAX_VALUE).addListener(done -> upstream.close());
                    upstream.spliceTo(client, Integer.MAX_VALUE).addListener(done -> client.close());
                    client.closeFuture().addListener(c -> upstream.close());
                    upstream.closeFuture().addListener(c -> client.close());
                    // Reading starts only now, so no byte is read into the JVM before the splices are queued.
                    client.config().setAutoRead(true);
                    upstream.config().setAutoRead(true);
                });
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        if (!group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("splice proxy loop did not stop within 10 s");
        }
    }
}
