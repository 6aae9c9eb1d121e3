package io.netharness.simulator.internal.udp;

import io.netharness.simulator.Direction;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.unix.RawUnixChannelOption;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Datagrams the kernel dropped at a link's own sockets before the link read them (receive buffer full), per
 * direction: the sockets that receive a direction's datagrams are watched from their bind to their close, and a
 * closed socket's last figure is kept. Read when asked, so nothing costs per datagram.
 *
 * <p>An epoll socket is asked directly: {@code getsockopt(SO_MEMINFO)} returns the socket's {@code sk_drops}
 * (Linux 4.x and later; one system call). A NIO socket is looked up by its local address in {@code /proc/net/udp}
 * and {@code /proc/net/udp6} ({@link SocketDropTable}), which costs a walk of the kernel's whole UDP table and fails
 * to tell apart sockets that share an address. Thread-safe.
 */
final class KernelDrops {

    /** {@code SOL_SOCKET} and {@code SO_MEMINFO} as Linux numbers them (asm-generic, which x86 and ARM use). */
    private static final int SOL_SOCKET = 1;
    private static final int SO_MEMINFO = 55;
    /** {@code SK_MEMINFO_DROPS}: the ninth 32-bit word of the answer. */
    private static final int DROPS_INDEX = 8;
    private static final RawUnixChannelOption MEMINFO =
            new RawUnixChannelOption("SO_MEMINFO", SOL_SOCKET, SO_MEMINFO, 4 * (DROPS_INDEX + 1));

    /** One watched socket. */
    private record Watched(Direction direction, Channel channel, InetSocketAddress local) {
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
        live.put(channel, new Watched(direction, channel, (InetSocketAddress) channel.localAddress()));
    }

    /** Keeps the last figure of channels about to be closed, and stops watching them. */
    void retire(Collection<Channel> channels) {
        Lookup lookup = new Lookup();
        for (Channel channel : channels) {
            Watched watched = live.remove(channel);
            if (watched != null) {
                retired.get(watched.direction).add(lookup.drops(watched));
            }
        }
    }

    /** {@link #retire(Collection)} for one channel. */
    void retire(Channel channel) {
        retire(List.of(channel));
    }

    /** Drops before the link so far, per direction: watched sockets now plus retired ones. */
    Map<Direction, Long> totals() {
        Map<Direction, Long> totals = new EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            totals.put(direction, retired.get(direction).sum());
        }
        Lookup lookup = new Lookup();
        for (Watched watched : live.values()) {
            totals.merge(watched.direction, lookup.drops(watched), Long::sum);
        }
        return totals;
    }

    /** One reading: epoll sockets asked one by one, the /proc table read at most once for the NIO ones. */
    private static final class Lookup {
        private SocketDropTable table;

        long drops(Watched watched) {
            if (watched.channel instanceof EpollDatagramChannel epoll) {
                return memInfoDrops(epoll);
            }
            if (watched.local == null) {
                return 0;
            }
            if (table == null) {
                table = SocketDropTable.read();
            }
            return table.dropsOfLocal(watched.local);
        }

        /** {@code sk_drops} from SO_MEMINFO (an unsigned 32-bit count); 0 once the socket is closed. */
        private static long memInfoDrops(EpollDatagramChannel channel) {
            if (!channel.isOpen()) {
                return 0;
            }
            try {
                ByteBuffer info = channel.config().getOption(MEMINFO);
                return info == null ? 0 : Integer.toUnsignedLong(info.order(ByteOrder.nativeOrder())
                        .getInt(4 * DROPS_INDEX));
            } catch (RuntimeException closedMeanwhile) {
                return 0;
            }
        }
    }
}
