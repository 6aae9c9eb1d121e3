package io.netharness.core.internal;

import io.netharness.core.Chunk;
import io.netharness.core.Outbox;
import io.netharness.core.udp.Datagram;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.lang.System.Logger.Level;

/**
 * The receive side of a {@link DatagramEndpoint}, its channel's only handler: copies what the socket reads into the
 * outbox as {@link Datagram}s, pausing reads while the outbox is full, and tells the endpoint when the socket
 * becomes writable again or closes.
 */
final class IncomingDatagrams extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(IncomingDatagrams.class.getName());

    private final String owner;
    private final HeldBackReads<Datagram> reads;
    private final Runnable writable;
    private final Runnable closed;
    private ChannelHandlerContext ctx;

    /** {@code writable} and {@code closed} run on the event loop when the socket can send again or has closed. */
    IncomingDatagrams(String owner, Outbox<Datagram> outbox, Runnable writable, Runnable closed) {
        this.owner = owner;
        this.reads = new HeldBackReads<>(outbox, this::resumeReading);
        this.writable = writable;
        this.closed = closed;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        reads.attach(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Datagram datagram;
        DatagramPacket packet = (DatagramPacket) msg;
        try {
            datagram = new Datagram(Chunk.copyOf(packet.content().nioBuffer()), packet.sender(), packet.recipient());
        } finally {
            packet.release();
        }
        reads.deliver(datagram);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            writable.run();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A read error on a datagram socket (e.g. an ICMP error reported late) does not end it.
        LOG.log(Level.DEBUG, () -> owner + ": socket error", cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed.run();
        ctx.fireChannelInactive();
    }

    private void resumeReading() {
        if (ctx.channel().isOpen()) {
            ctx.channel().config().setAutoRead(true);
        }
    }
}
