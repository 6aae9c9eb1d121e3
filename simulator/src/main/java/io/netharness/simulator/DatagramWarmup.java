package io.netharness.simulator;

import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.DelayDistribution;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netharness.simulator.profile.Mtu;
import io.netharness.simulator.profile.Reordering;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The {@link LinkWarmup} of datagram links: a throwaway link between plain JDK sockets on loopback carries a few
 * hundred datagrams perfect, then as many through a profile with every impairment (so the delay timers, the
 * reordering hold, the token bucket, truncation, duplication and corruption all run), in batches it waits for; a UDP
 * link then carries a few hundred more one at a time, each echoed before the next, as requests and pings cross it
 * (a lone datagram is read on a path of its own).
 * Bounded: it gives up after {@link #BUDGET} (a loaded machine may not finish; what ran has warmed what it could).
 */
final class DatagramWarmup {

    /** Datagrams per phase: enough for the JIT's first tier to compile the per-datagram path. */
    private static final int DATAGRAMS = 600;
    /** Datagrams sent one at a time, each waiting for its echo. */
    static final int LONE_DATAGRAMS = 300;
    private static final int BATCH = 16;
    private static final int ECHO_LAG = 64;
    private static final Duration BUDGET = Duration.ofSeconds(5);
    private static final long SEED = 0x3a7_3e3dL;
    private static final LinkProfile IMPAIRED = LinkProfile.builder()
            .latency(new Latency(Duration.ofNanos(200_000), Duration.ofNanos(100_000), DelayDistribution.NORMAL, 0.25))
            .loss(new Loss.Random(0.05, 0.25))
            .duplication(Duplication.of(0.05))
            .corruption(new Corruption(0.05))
            .reordering(new Reordering(0.05, 2, Duration.ofMillis(2)))
            .bandwidth(Bandwidth.ofBytesPerSecond(200_000_000))
            .mtu(new Mtu(1_000, Mtu.OversizeAction.TRUNCATE))
            .build();

    private DatagramWarmup() {
    }

    /** Warms the UDP path; returns what the throwaway link carried. */
    static LinkStatistics udp() throws IOException, InterruptedException {
        return udp(BUDGET);
    }

    /** {@link #udp()} with a time budget of {@code budget}. */
    static LinkStatistics udp(Duration budget) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + budget.toNanos();
        try (DatagramSocket client = socket(); Echo target = new Echo(socket());
                UdpLink link = UdpLink.builder().target(target.address()).seed(SEED).build().start()) {
            // The echo is a thread the machine may not schedule for a while: the pump lets it fall behind by at most
            // ECHO_LAG datagrams, which its socket's default buffer holds, so it drops none.
            BooleanSupplier echoKeepsUp = () -> target.received() + ECHO_LAG >= link.statistics().upstream().delivered();
            pump(client, link, deadline, echoKeepsUp);
            link.profile(Direction.UPSTREAM, IMPAIRED);
            link.profile(Direction.DOWNSTREAM, IMPAIRED);
            pump(client, link, deadline, echoKeepsUp);
            link.profile(Direction.UPSTREAM, LinkProfile.PERFECT);
            link.profile(Direction.DOWNSTREAM, LinkProfile.PERFECT);
            pingPong(client, link, deadline);
            while ((link.inFlight() > 0 || target.received() < link.statistics().upstream().delivered()
                    || link.statistics().downstream().datagramsIn() < target.sent())
                    && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(100_000); // the last delays and echoes are a fraction of a millisecond
            }
            return link.statistics();
        }
    }

    /** Warms the multicast path on {@code lo}; returns what the throwaway link carried (nothing without lo). */
    static LinkStatistics multicast() throws IOException, InterruptedException {
        return multicast(BUDGET);
    }

    /** {@link #multicast()} with a time budget of {@code budget}. */
    static LinkStatistics multicast(Duration budget) throws IOException, InterruptedException {
        NetworkInterface loopback = NetworkInterface.getByName("lo");
        if (loopback == null) {
            return null; // multicast links name their interface; without lo there is nothing to warm here
        }
        long deadline = System.nanoTime() + budget.toNanos();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        InetAddress group = InetAddress.getByAddress(new byte[] {(byte) 239, (byte) 255, (byte) random.nextInt(1, 255),
                (byte) random.nextInt(1, 255)});
        try (DatagramSocket sender = socket(); DatagramSocket receiver = socket()) {
            sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, loopback);
            try (MulticastLink link = MulticastLink.builder().group(new InetSocketAddress(group, 0))
                    .receiver((InetSocketAddress) receiver.getLocalSocketAddress()).seed(SEED).build().start()) {
                pump(sender, link, deadline, () -> true);
                link.profile(Direction.UPSTREAM, IMPAIRED);
                pump(sender, link, deadline, () -> true);
                return link.statistics();
            }
        }
    }

    /** Sends {@link #DATAGRAMS} to the link, waiting after each batch until the link has read it (or time is up). */
    private static void pump(DatagramSocket sender, InProcessLink link, long deadline, BooleanSupplier caughtUp)
            throws IOException {
        long base = link.statistics().upstream().datagramsIn();
        byte[] small = new byte[64];
        byte[] large = new byte[1_200];
        for (int sent = 1; sent <= DATAGRAMS; sent++) {
            byte[] payload = sent % 4 == 0 ? large : small;
            payload[0] = (byte) sent;
            sender.send(new DatagramPacket(payload, payload.length, link.address()));
            if (sent % BATCH == 0 || sent == DATAGRAMS) {
                long expected = base + sent;
                while (link.statistics().upstream().datagramsIn() < expected || !caughtUp.getAsBoolean()) {
                    if (System.nanoTime() - deadline > 0) {
                        return;
                    }
                    LockSupport.parkNanos(50_000); // the link reads a batch in well under a millisecond once warm
                }
            }
        }
    }

    /**
     * Sends {@link #LONE_DATAGRAMS} one at a time through a perfect link, each waiting for its echo (or a lost one's
     * timeout: the impaired phase may still hold copies, which arrive first and are skipped by their size).
     */
    private static void pingPong(DatagramSocket client, InProcessLink link, long deadline) throws IOException {
        byte[] ping = new byte[48];
        DatagramPacket reply = new DatagramPacket(new byte[2_048], 2_048);
        for (int sent = 0; sent < LONE_DATAGRAMS && System.nanoTime() - deadline < 0; sent++) {
            client.send(new DatagramPacket(ping, ping.length, link.address()));
            do {
                reply.setLength(2_048);
                client.receive(reply);
            } while (reply.getLength() != ping.length && System.nanoTime() - deadline < 0);
        }
    }

    private static DatagramSocket socket() throws SocketException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(1_000);
        return socket;
    }

    /** A target that sends every datagram back to its sender, from a daemon thread, until closed. */
    private static final class Echo implements AutoCloseable {
        private final DatagramSocket socket;
        private final Thread thread;
        private volatile long received; // written by the echo thread only
        private volatile long sent;

        Echo(DatagramSocket socket) {
            this.socket = socket;
            this.thread = new Thread(this::run, "netharness-warmup-echo");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        long received() {
            return received;
        }

        long sent() {
            return sent;
        }

        private void run() {
            DatagramPacket packet = new DatagramPacket(new byte[2_048], 2_048);
            while (!socket.isClosed()) {
                try {
                    packet.setLength(2_048);
                    socket.receive(packet);
                    received++;
                    socket.send(packet);
                    sent++;
                } catch (IOException timeoutOrClosed) {
                    // receive times out every second, so a closed socket ends the loop
                }
            }
        }

        @Override
        public void close() {
            socket.close();
            LinkWarmup.awaitEcho(thread);
        }
    }
}
