package io.netharness.simulator.internal.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A link-side socket that stands for one upstream peer address other than the target, such as the port a TFTP server
 * answers from (its transfer ID): replies from that peer reach clients from this socket's address, and what clients
 * send to this socket goes to that peer through their own session. So a client sees the peer's port change as it
 * would without the link, and answers the right one. Datagrams due before the socket is bound wait here. Event loop
 * only.
 */
final class PeerSocket {

    private final InetSocketAddress peer;
    private final PendingFlushes flushes;
    private final ArrayDeque<DatagramPacket> waitingForBind = new ArrayDeque<>();
    private Channel channel;
    private boolean bound;
    private boolean closed;
    private long lastActivityNanos;

    PeerSocket(InetSocketAddress peer, PendingFlushes flushes, long nowNanos) {
        this.peer = peer;
        this.flushes = flushes;
        this.lastActivityNanos = nowNanos;
    }

    /** Adopts the socket once its bind was started; {@code onBound} sees it bound (unless closed first). */
    void bindStarted(ChannelFuture bind, Consumer<Channel> onBound) {
        channel = bind.channel();
        bind.addListener(done -> {
            if (done.isSuccess() && !closed) {
                bound = true;
                onBound.accept(channel);
                DatagramPacket datagram;
                while ((datagram = waitingForBind.poll()) != null) {
                    channel.write(datagram, channel.voidPromise());
                }
                channel.flush();
            } else {
                releaseWaiting();
            }
        });
    }

    /** The upstream peer this socket stands for. */
    InetSocketAddress peer() {
        return peer;
    }

    Channel channel() {
        return channel;
    }

    /** Where clients send to reach the peer; null until bound. */
    InetSocketAddress address() {
        return bound ? (InetSocketAddress) channel.localAddress() : null;
    }

    /** Marks traffic either way, for idle expiry. */
    void touch(long nowNanos) {
        lastActivityNanos = nowNanos;
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** Sends what the peer sent to {@code client}, from this socket; a capture shows it as peer to client. */
    Outlet toClient(InetSocketAddress client) {
        return new Outlet() {
            @Override
            public void send(ByteBuf datagram) {
                DatagramPacket packet = new DatagramPacket(datagram, client);
                if (closed) {
                    packet.release();
                } else if (bound) {
                    flushes.write(channel, packet);
                } else {
                    waitingForBind.add(packet);
                }
            }

            @Override
            public InetSocketAddress captureSource() {
                return peer;
            }

            @Override
            public InetSocketAddress captureDestination() {
                return client;
            }
        };
    }

    /** Closes the socket and drops what waited for it. */
    ChannelFuture close() {
        closed = true;
        releaseWaiting();
        return channel.close();
    }

    private void releaseWaiting() {
        DatagramPacket datagram;
        while ((datagram = waitingForBind.poll()) != null) {
            datagram.release();
        }
    }
}
