package io.netharness.core.internal;

import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that saw no reads or writes for a while (Kamaelia's TimeOutCSA), announcing an
 * {@link Lifecycle.IdleTimedOut} first. Sits behind a Netty {@link IdleStateHandler} made by {@link #detector}.
 */
final class IdleCloser extends ChannelInboundHandlerAdapter {

    private final Duration idleTime;
    private final Outbox<Lifecycle> signal;

    public IdleCloser(Duration idleTime, Outbox<Lifecycle> signal) {
        this.idleTime = idleTime;
        this.signal = signal;
    }

    /** The Netty handler that raises the all-idle event this closer acts on. */
    public static IdleStateHandler detector(Duration idleTime) {
        return new IdleStateHandler(0, 0, idleTime.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            signal.offer(new Lifecycle.IdleTimedOut((InetSocketAddress) ctx.channel().localAddress(),
                    (InetSocketAddress) ctx.channel().remoteAddress(), idleTime));
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }
}
