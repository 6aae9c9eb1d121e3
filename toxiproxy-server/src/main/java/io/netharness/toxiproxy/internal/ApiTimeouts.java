package io.netharness.toxiproxy.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's HTTP server timeouts for one API connection (Go's {@code ReadTimeout} 15 s and {@code IdleTimeout}
 * 60 s): a request must arrive whole within the read timeout of its first byte (of the connection's start, for the
 * first request), and a kept-alive connection is closed after the idle timeout without a new request. Without them,
 * clients that trickle a byte now and then would hold connections, and descriptors, for ever.
 *
 * <p>First in the pipeline, so it sees every byte as it arrives; its {@link #requestWatcher()} goes after the HTTP
 * aggregator and stops the read timeout as soon as a request is whole, before the request is handled (which may wait
 * for proxies to bind or close). Threads: the channel's event loop; {@link #responded} may be
 * called from any thread.
 */
public final class ApiTimeouts extends ChannelInboundHandlerAdapter {

    private final long readNanos;
    private final long idleNanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> deadline;
    private boolean reading;

    public ApiTimeouts(Duration read, Duration idle) {
        this.readNanos = read.toNanos();
        this.idleNanos = idle.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        startReading();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!reading) {
            startReading();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    /** The handler to place after the HTTP aggregator: it sees each whole request and stops the read timeout. */
    public ChannelHandler requestWatcher() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext context, Object msg) {
                if (msg instanceof FullHttpRequest) {
                    reading = false; // a whole request: no deadline while it is handled
                    cancel();
                }
                context.fireChannelRead(msg);
            }
        };
    }

    /** Its response was written on a kept-alive connection: the idle timeout runs until the next request begins. */
    void responded() {
        ctx.executor().execute(() -> {
            if (!reading) {
                schedule(idleNanos);
            }
        });
    }

    private void startReading() {
        reading = true;
        schedule(readNanos);
    }

    private void schedule(long nanos) {
        cancel();
        deadline = ctx.executor().schedule(() -> {
            ctx.close();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
