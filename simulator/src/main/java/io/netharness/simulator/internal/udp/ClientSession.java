package io.netharness.simulator.internal.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One client of a UDP link, NAT style: its own socket towards the target, so the target's replies to that
 * socket are known to belong to this client. The same socket carries what the client sends to other upstream peers
 * through their {@link PeerSocket}s. Datagrams due before the socket is bound wait here. Its outlets write to
 * {@link PendingFlushes}, flushed by whoever ends the batch. Event loop only.
 */
final class ClientSession {

    private final InetSocketAddress client;
    private final InetSocketAddress target;
    private final ArrayDeque<DatagramPacket> waitingForBind = new ArrayDeque<>();
    private final Map<InetSocketAddress, Outlet> toPeers = new HashMap<>(4);
    private final Outlet toTarget;
    private final Outlet toClient;
    private final PendingFlushes flushes;
    private Channel channel;
    private boolean bound;
    private boolean closed;
    private long lastActivityNanos;

    ClientSession(InetSocketAddress client, InetSocketAddress target, Channel front, PendingFlushes flushes) {
        this.client = client;
        this.target = target;
        this.flushes = flushes;
        this.toTarget = new Outlet() {
            @Override
            public void send(ByteBuf datagram) {
                sendUpstream(datagram, target);
            }

            @Override
            public InetSocketAddress captureSource() {
                return client;
            }

            @Override
            public InetSocketAddress captureDestination() {
                return target;
            }
        };
        this.toClient = new Outlet() {
            @Override
            public void send(ByteBuf datagram) {
                if (front.isActive()) {
                    flushes.write(front, new DatagramPacket(datagram, client));
                } else {
                    datagram.release();
                }
            }

            @Override
            public InetSocketAddress captureSource() {
                return target;
            }

            @Override
            public InetSocketAddress captureDestination() {
                return client;
            }
        };
    }

    /** Takes a socket that is bound already (a spare bound ahead of need). */
    void adopt(Channel boundChannel) {
        channel = boundChannel;
        bound = true;
    }

    /** Adopts the session's socket once its bind was started; {@code onBound} sees it bound (unless closed first). */
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

    private void sendUpstream(ByteBuf datagram, InetSocketAddress to) {
        DatagramPacket packet = new DatagramPacket(datagram, to);
        if (closed) {
            packet.release();
        } else if (bound) {
            flushes.write(channel, packet);
        } else {
            waitingForBind.add(packet);
        }
    }

    InetSocketAddress client() {
        return client;
    }

    /** Marks traffic in either direction, for idle expiry. */
    void touch(long nowNanos) {
        lastActivityNanos = nowNanos;
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    Outlet toTarget() {
        return toTarget;
    }

    Outlet toClient() {
        return toClient;
    }

    /** Sends to {@code peer} (an upstream address other than the target) from this client's socket. */
    Outlet toPeer(InetSocketAddress peer) {
        return toPeers.computeIfAbsent(peer, to -> new Outlet() {
            @Override
            public void send(ByteBuf datagram) {
                sendUpstream(datagram, to);
            }

            @Override
            public InetSocketAddress captureSource() {
                return client;
            }

            @Override
            public InetSocketAddress captureDestination() {
                return to;
            }
        });
    }

    /** The session's socket towards the target. */
    Channel channel() {
        return channel;
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
