package io.netharness.simulator.internal.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Small shared helpers of the datagram links. */
final class Datagrams {

    /** Largest UDP payload; every read slot is this large so nothing is silently cut. */
    static final int MAX_DATAGRAM = 65_535;
    /**
     * Datagrams one epoll read takes with a single {@code recvmmsg}: 16 slots of {@link #MAX_DATAGRAM} fit
     * the pooled allocator's largest pooled buffer (1 MiB), so a batch read costs no fresh allocation.
     */
    static final int READ_BATCH = 16;
    /** Datagrams read per wake-up before the batch is handed on (and flushed) and other sockets get a turn. */
    private static final int READS_PER_WAKE_UP = 4 * READ_BATCH;
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    /**
     * The receive buffer asked for with {@code SO_RCVBUFFORCE} where the process may (CAP_NET_ADMIN, e.g. root in a
     * CI container): {@code SO_RCVBUF} is capped by {@code net.core.rmem_max} (often 4 MiB or less; the kernel doubles
     * what it grants), which holds about 10,000 small datagrams; this holds four times as many, so a burst from a
     * sender that fell behind its schedule on a loaded machine does not overflow the link's socket. Memory is only
     * used while datagrams wait.
     */
    private static final int FORCED_RECEIVE_BUFFER_BYTES = 16 << 20;
    private static final IntegerUnixChannelOption SO_RCVBUFFORCE = new IntegerUnixChannelOption("SO_RCVBUFFORCE", 1, 33);
    private static final boolean MAY_FORCE_BUFFERS = hasNetAdmin();

    private Datagrams() {
    }

    /**
     * Options every link socket gets: whole datagrams, and large kernel buffers so bursts are not lost (forced beyond
     * {@code net.core.rmem_max} where permitted, see {@link #FORCED_RECEIVE_BUFFER_BYTES}). On
     * epoll a burst is read {@link #READ_BATCH} datagrams per {@code recvmmsg}, each in its own
     * {@link #MAX_DATAGRAM} slot of one buffer (the packets are slices of it), and a lone datagram with one plain read
     * ({@link DatagramReads}); NIO reads one at a time. The bootstrap's group must be set.
     */
    static Bootstrap configure(Bootstrap bootstrap) {
        boolean epoll = UdpTransport.isEpoll(bootstrap.config().group());
        bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, epoll
                        ? new DatagramReads(MAX_DATAGRAM, READ_BATCH, READS_PER_WAKE_UP)
                        : new FixedRecvByteBufAllocator(MAX_DATAGRAM).maxMessagesPerRead(READS_PER_WAKE_UP))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        if (epoll) {
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM);
            if (MAY_FORCE_BUFFERS) {
                bootstrap.option(SO_RCVBUFFORCE, FORCED_RECEIVE_BUFFER_BYTES); // after SO_RCVBUF, so it wins
            }
        }
        return bootstrap;
    }

    /** Whether this process has CAP_NET_ADMIN (bit 12 of CapEff in /proc/self/status), which SO_RCVBUFFORCE needs. */
    private static boolean hasNetAdmin() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return (Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16) & (1L << 12)) != 0;
                }
            }
        } catch (IOException | RuntimeException unknown) {
            // not Linux, or no procfs: keep to SO_RCVBUF
        }
        return false;
    }

    /**
     * A right-sized copy of {@code datagram}'s readable bytes (at most {@code bytes}): reads land in large
     * shared buffers, and holding a slice of one for the length of a delay would pin megabytes.
     */
    static ByteBuf copyOf(ByteBuf datagram, int bytes) {
        ByteBuf copy = datagram.alloc().buffer(bytes);
        copy.writeBytes(datagram, datagram.readerIndex(), bytes);
        return copy;
    }

    /** Loopback of the address's family for a loopback target (traffic stays on lo), else the wildcard. */
    static InetSocketAddress localBindFor(InetSocketAddress target) {
        InetAddress address = target.getAddress();
        if (address != null && address.isLoopbackAddress()) {
            return new InetSocketAddress(address instanceof Inet6Address ? "::1" : "127.0.0.1", 0);
        }
        return new InetSocketAddress(0);
    }

    /**
     * Shuts down a link's own group and waits until its thread has ended (not merely until the group says it
     * terminated, which comes a moment before the thread exits).
     */
    static void shutdownAndJoin(EventLoopGroup group, String owner) {
        Thread thread;
        try {
            thread = group.next().submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            thread = null; // already shutting down: nothing to run the probe on
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        if (!group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(owner + "'s event loop did not stop within 10 s");
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                throw new IllegalStateException(owner + "'s event loop thread did not end within 10 s");
            }
        }
    }
}
