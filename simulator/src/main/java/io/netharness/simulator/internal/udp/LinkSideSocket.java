package io.netharness.simulator.internal.udp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A datagram socket the link opens on its own side (a client's session towards the target, a stand-in for an
 * upstream peer): datagrams sent while its bind is still under way wait here and leave in order once it is bound;
 * after a failed bind or {@link #close()} they are released. It remembers its last traffic either way, for idle
 * expiry as a NAT does it. Sends go through {@link PendingFlushes}, flushed by whoever ends the batch. Event loop
 * only.
 */
final class LinkSideSocket {

    private final PendingFlushes flushes;
    private final ArrayDeque<DatagramPacket> waitingForBind = new ArrayDeque<>();
    private Channel channel;
    private boolean bound;
    private boolean closed;
    private long lastActivityNanos;

    LinkSideSocket(PendingFlushes flushes, long nowNanos) {
        this.flushes = flushes;
        this.lastActivityNanos = nowNanos;
    }

    /** Takes a socket that is bound already (a spare bound ahead of need). */
    void adopt(Channel boundChannel) {
        channel = boundChannel;
        bound = true;
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

    /** Sends {@code datagram} from this socket, or keeps it until the socket is bound; takes ownership of it. */
    void send(DatagramPacket datagram) {
        if (closed) {
            datagram.release();
        } else if (bound) {
            flushes.write(channel, datagram);
        } else {
            waitingForBind.add(datagram);
        }
    }

    Channel channel() {
        return channel;
    }

    /** The address the socket is bound to; null until bound. */
    InetSocketAddress address() {
        return bound ? (InetSocketAddress) channel.localAddress() : null;
    }

    /** Marks traffic either way, for idle expiry. */
    void touch(long nowNanos) {
        lastActivityNanos = nowNanos;
    }

    /** Closes the socket and drops what waited for it. */
    ChannelFuture close() {
        closed = true;
        releaseWaiting();
        return channel.close();
    }

    /**
     * Forgets (removing them from {@code owners}) and closes the sockets with no traffic either way for
     * {@code idleNanos}, after taking them off {@code kernelDrops}' watch.
     */
    static <T> void expireIdle(Collection<T> owners, Function<T, LinkSideSocket> socketOf, KernelDrops kernelDrops,
            long nowNanos, long idleNanos) {
        owners.removeIf(owner -> {
            LinkSideSocket socket = socketOf.apply(owner);
            if (nowNanos - socket.lastActivityNanos >= idleNanos) {
                kernelDrops.retire(socket.channel);
                socket.close();
                return true;
            }
            return false;
        });
    }

    /** Closes every owner's socket, after taking them all off {@code kernelDrops}' watch; returns the close futures. */
    static <T> List<ChannelFuture> closeAll(Collection<T> owners, Function<T, LinkSideSocket> socketOf,
            KernelDrops kernelDrops) {
        List<Channel> channels = new ArrayList<>();
        owners.forEach(owner -> channels.add(socketOf.apply(owner).channel));
        kernelDrops.retire(channels);
        List<ChannelFuture> closes = new ArrayList<>();
        owners.forEach(owner -> closes.add(socketOf.apply(owner).close()));
        return closes;
    }

    private void releaseWaiting() {
        DatagramPacket datagram;
        while ((datagram = waitingForBind.poll()) != null) {
            datagram.release();
        }
    }
}
