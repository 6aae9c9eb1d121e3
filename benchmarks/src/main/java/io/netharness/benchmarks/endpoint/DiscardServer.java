package io.netharness.benchmarks.endpoint;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads and drops everything, timing when an expected number of bytes has arrived: the sink of the
 * throughput measurements. The time is taken where the data lands, so bytes still queued in a proxy
 * are not counted as delivered.
 */
public final class DiscardServer implements AutoCloseable {

    private final Channel serverChannel;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile Arrival arrival;

    public DiscardServer(EventLoopGroup group) {
        this.serverChannel = new ServerBootstrap()
                .group(group)
                .channel(Loops.serverChannel())
                .childOption(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                .childHandler(new Discard())
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .syncUninterruptibly()
                .channel();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Starts counting from zero; the returned arrival completes when {@code bytes} have been read. */
    public Arrival expect(long bytes) {
        Arrival next = new Arrival(bytes);
        arrival = next;
        return next;
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
    }

    /** Bytes arriving at the sink for one transfer. Written by one event loop thread, read after {@link #await}. */
    public static final class Arrival {
        private final long expected;
        private final CountDownLatch done = new CountDownLatch(1);
        private long received;
        private long firstNanos;
        private long lastNanos;

        Arrival(long expected) {
            this.expected = expected;
        }

        void add(int bytes) {
            long now = System.nanoTime();
            if (received == 0) {
                firstNanos = now;
            }
            received += bytes;
            if (received >= expected && done.getCount() > 0) {
                lastNanos = now;
                done.countDown();
            }
        }

        /** Waits for the last byte; returns the nanoTime at which it arrived. */
        public long await(Duration timeout) throws InterruptedException {
            if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("sink received " + received + " of " + expected
                        + " bytes within " + timeout);
            }
            return lastNanos;
        }

        /** nanoTime of the first byte; valid after {@link #await}. */
        public long firstNanos() {
            return firstNanos;
        }
    }

    @ChannelHandler.Sharable
    private final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connections.add(ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                Arrival current = arrival;
                if (current != null) {
                    current.add(buf.readableBytes());
                }
            } finally {
                buf.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
