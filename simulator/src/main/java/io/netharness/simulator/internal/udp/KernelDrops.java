package io.netharness.simulator.internal.udp;

import io.netharness.simulator.Direction;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDatagramChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Datagrams the kernel dropped at a link's own sockets before the link read them (receive buffer full), per
 * direction: the sockets that receive a direction's datagrams are watched from their bind to their close, and a
 * closed socket's last figure is kept. Read from {@link SocketDropTable} when asked, so nothing costs per datagram.
 *
 * <p>An epoll socket is found by its inode (its descriptor's {@code /proc/self/fd} link); a NIO socket by its local
 * address, which works unless several sockets share it. Thread-safe.
 */
final class KernelDrops {

    /** How one watched socket is found in the table. */
    private record Watched(Direction direction, long inode, InetSocketAddress local) {
        long dropsIn(SocketDropTable table) {
            return inode > 0 ? table.dropsOfInode(inode) : local != null ? table.dropsOfLocal(local) : 0;
        }
    }

    private final Map<Channel, Watched> live = new ConcurrentHashMap<>();
    private final Map<Direction, LongAdder> retired = new EnumMap<>(Direction.class);

    KernelDrops() {
        for (Direction direction : Direction.values()) {
            retired.put(direction, new LongAdder());
        }
    }

    /** Counts what the kernel drops at {@code channel} (bound) as drops before the link in {@code direction}. */
    void watch(Channel channel, Direction direction) {
        live.put(channel, new Watched(direction, inodeOf(channel), (InetSocketAddress) channel.localAddress()));
    }

    /** Keeps the last figure of channels about to be closed, and stops watching them. */
    void retire(Collection<Channel> channels) {
        if (channels.isEmpty()) {
            return;
        }
        SocketDropTable table = SocketDropTable.read();
        for (Channel channel : channels) {
            Watched watched = live.remove(channel);
            if (watched != null) {
                retired.get(watched.direction).add(watched.dropsIn(table));
            }
        }
    }

    /** {@link #retire(Collection)} for one channel. */
    void retire(Channel channel) {
        retire(List.of(channel));
    }

    /** Drops before the link so far, per direction: watched sockets now plus retired ones. */
    Map<Direction, Long> totals() {
        SocketDropTable table = live.isEmpty() ? null : SocketDropTable.read();
        Map<Direction, Long> totals = new EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            totals.put(direction, retired.get(direction).sum());
        }
        if (table != null) {
            for (Watched watched : live.values()) {
                totals.merge(watched.direction, watched.dropsIn(table), Long::sum);
            }
        }
        return totals;
    }

    /** The socket inode of an epoll channel, from {@code /proc/self/fd/<fd> -> socket:[inode]}; 0 if unknown. */
    private static long inodeOf(Channel channel) {
        if (!(channel instanceof EpollDatagramChannel epoll)) {
            return 0;
        }
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + epoll.fd().intValue())).toString();
            if (link.startsWith("socket:[") && link.endsWith("]")) {
                return Long.parseLong(link.substring("socket:[".length(), link.length() - 1));
            }
        } catch (IOException | UnsupportedOperationException | SecurityException | NumberFormatException unknown) {
            // fall back to the local address
        }
        return 0;
    }
}
