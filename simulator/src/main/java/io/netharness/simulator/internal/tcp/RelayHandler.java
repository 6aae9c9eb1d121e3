package io.netharness.simulator.internal.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The only handler in each of a proxied connection's two channels: turns the channel's events into calls on the
 * {@link ProxiedConnection} — chunks read go to the direction this channel sends in, writability changes to the
 * direction this channel receives in, end of input and close to the connection's close logic.
 *
 * <p>Threads: the connection's event loop. Buffers: every message read is passed on or released.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(RelayHandler.class.getName());

    private final ProxiedConnection connection;
    private final boolean clientSide;

    RelayHandler(ProxiedConnection connection, boolean clientSide) {
        this.connection = connection;
        this.clientSide = clientSide;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf chunk) {
            connection.read(clientSide, chunk);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.readComplete(clientSide);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.writabilityChanged(clientSide);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            connection.inputShutdown(clientSide);
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.channelClosed(clientSide);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // Typically "connection reset by peer": pass the reset on to the other side.
            LOG.log(Level.DEBUG, () -> (clientSide ? "client" : "target") + " side of " + connection + " failed: " + cause);
            connection.resetBy(clientSide);
        } else {
            // Not the network: a bug, or a user's callback (a per-connection profile selection) that threw.
            connection.failed(cause);
        }
    }
}
