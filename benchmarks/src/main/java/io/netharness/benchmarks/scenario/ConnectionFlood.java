package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.endpoint.Loops;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens many client connections to an echo endpoint and keeps them open. A connection counts as
 * established only once one byte has gone to the server and back, so a proxy that has accepted but not
 * yet connected onwards does not count. At most {@link #IN_FLIGHT} handshakes are outstanding at a time
 * (the accept backlog would otherwise overflow and turn the measurement into one of SYN retries).
 */
final class ConnectionFlood implements AutoCloseable {

    static final int IN_FLIGHT = 256;
    private static final ByteBuf PING = Unpooled.unreleasableBuffer(Unpooled.directBuffer(1).writeByte(1));

    private final EventLoopGroup group = Loops.newGroup(1);
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Semaphore window = new Semaphore(IN_FLIGHT);
    private final AtomicInteger established = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    /** Opens {@code count} connections; returns how many were established within {@code timeout}. */
    int open(InetSocketAddress address, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(Loops.socketChannel())
                .option(ChannelOption.SO_LINGER, 0) // reset on close: no TIME_WAIT between rounds
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Ping());
        for (int i = 0; i < count; i++) {
            if (!window.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            ChannelFuture connect = bootstrap.connect(address);
            channels.add(connect.channel());
            connect.addListener(f -> {
                if (!f.isSuccess() && connect.channel().attr(ESTABLISHED).setIfAbsent(Boolean.FALSE) == null) {
                    failed.incrementAndGet();
                    window.release();
                }
            });
        }
        // Wait for the outstanding handshakes to finish.
        window.tryAcquire(IN_FLIGHT, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return established.get();
    }

    int failed() {
        return failed.get();
    }

    @Override
    public void close() {
        channels.close().awaitUninterruptibly(30, TimeUnit.SECONDS);
        Loops.shutdown(group);
    }

    @ChannelHandler.Sharable
    private final class Ping extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(PING.duplicate());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((ByteBuf) msg).release();
            Channel channel = ctx.channel();
            if (channel.attr(ESTABLISHED).setIfAbsent(Boolean.TRUE) == null) {
                established.incrementAndGet();
                window.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel().attr(ESTABLISHED).setIfAbsent(Boolean.FALSE) == null) {
                failed.incrementAndGet(); // closed before its echo: the slot is free again
                window.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static final io.netty.util.AttributeKey<Boolean> ESTABLISHED =
            io.netty.util.AttributeKey.valueOf(ConnectionFlood.class, "established");
}
