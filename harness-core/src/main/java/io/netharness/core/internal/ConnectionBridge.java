package io.netharness.core.internal;

import io.netharness.core.Chunk;
import io.netharness.core.Format;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves data between one connected channel and its component boxes, with back-pressure both ways.
 *
 * <p>Reads are copied into {@link Chunk}s and the buffer released here. When the outbox is full, reads
 * stop (auto-read off) until it frees room. Inbox messages are written while the channel is writable. On
 * close the inbox is closed and a {@link Lifecycle.SocketShutdown} follows the last delivered chunk.
 */
final class ConnectionBridge extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(ConnectionBridge.class.getName());

    private final Inbox<Chunk> inbox;
    private final Outbox<Chunk> outbox;
    private final Inbox<Lifecycle> control;
    private final Outbox<Lifecycle> signal;
    private final HeldBackReads<Chunk> reads;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private ChannelHandlerContext ctx;
    private boolean finishing;
    private boolean inactive;
    private boolean shutdownSignalled;
    private Throwable failure;

    public ConnectionBridge(Inbox<Chunk> inbox, Outbox<Chunk> outbox, Inbox<Lifecycle> control,
            Outbox<Lifecycle> signal) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.control = control;
        this.signal = signal;
        this.reads = new HeldBackReads<>(outbox, this::caughtUp);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        reads.attach(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        inbox.onArrival(this::scheduleDrain);
        control.onArrival(() -> ctx.executor().execute(this::handleControl));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Chunk chunk;
        ByteBuf buffer = (ByteBuf) msg;
        try {
            chunk = Chunk.copyOf(buffer.nioBuffer());
        } finally {
            buffer.release();
        }
        reads.deliver(chunk);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            drain();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, () -> ctx.channel() + " failed", cause);
        if (failure == null) {
            failure = cause;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
        inbox.onArrival(null);
        control.onArrival(null);
        inbox.close("connection " + Format.address(ctx.channel().localAddress()) + "<->"
                + Format.address(ctx.channel().remoteAddress()) + " is closed");
        signalShutdownWhenDelivered();
        ctx.fireChannelInactive();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            ctx.executor().execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        Channel channel = ctx.channel();
        if (!channel.isActive()) {
            return;
        }
        boolean wrote = false;
        Chunk chunk;
        while (channel.isWritable() && (chunk = inbox.poll()) != null) {
            ctx.write(Unpooled.wrappedBuffer(chunk.asReadOnlyBuffer()));
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
        if (finishing && inbox.isEmpty()) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void handleControl() {
        Lifecycle message;
        while ((message = control.poll()) != null) {
            if (message instanceof Lifecycle.ProducerFinished) {
                finishing = true;
                drain();
            } else if (message instanceof Lifecycle.ServerShutdown) {
                ctx.close();
            }
        }
    }

    private void caughtUp() {
        if (inactive) {
            signalShutdownWhenDelivered();
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void signalShutdownWhenDelivered() {
        if (reads.isEmpty() && !shutdownSignalled) {
            shutdownSignalled = true;
            Channel channel = ctx.channel();
            signal.offer(new Lifecycle.SocketShutdown((InetSocketAddress) channel.localAddress(),
                    (InetSocketAddress) channel.remoteAddress(), failure));
        }
    }
}
