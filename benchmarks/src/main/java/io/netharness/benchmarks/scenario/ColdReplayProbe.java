package io.netharness.benchmarks.scenario;

import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.UdpLink;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.DelayDistribution;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netharness.simulator.profile.Reordering;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;

/**
 * Child JVM of {@link ColdReplay}: in a fresh JVM, a sender paces numbered 64-byte datagrams at a fixed rate through a
 * {@link UdpLink} with loss, duplication, reordering, corruption and jitter to a receiver, which keeps what arrives.
 * Prints {@code sent}, {@code read} (datagrams the link read), {@code delivered} (by the receiver), {@code linkDelivered}
 * (by the link's statistics),
 * {@code droppedBeforeLink}, {@code lateSends} (datagrams sent more than 1 ms behind the schedule) and {@code digest}:
 * SHA-256 of the sorted (content CRC-32, sequence number) pairs of everything delivered, i.e. the delivered multiset
 * (duplicates and corrupted copies included, arrival order not).
 */
public final class ColdReplayProbe {

    /** The profile of the run: every kind of impairment that changes what or how much is delivered, and jitter. */
    static final LinkProfile PROFILE = LinkProfile.builder()
            .latency(new Latency(Duration.ofMillis(2), Duration.ofMillis(1), DelayDistribution.NORMAL, 0.0))
            .loss(new Loss.Random(0.02, 0.25))
            .duplication(Duplication.of(0.02))
            .reordering(new Reordering(0.02, 3, Duration.ofMillis(5)))
            .corruption(new Corruption(0.01))
            .build();
    private static final int BYTES = 64;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(60);

    private ColdReplayProbe() {
    }

    /** Arguments: datagrams, datagrams per second, seed. */
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        long perSecond = Long.parseLong(args[1]);
        long seed = Long.parseLong(args[2]);
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                DatagramSocket receiver = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            receiver.setReceiveBufferSize(4 << 20);
            receiver.setSoTimeout(100);
            Delivered delivered = new Delivered(count);
            Thread reader = new Thread(() -> receive(receiver, delivered), "cold-replay-receiver");
            reader.start();
            try (UdpLink link = UdpLink.builder().target((InetSocketAddress) receiver.getLocalSocketAddress())
                    .upstream(PROFILE).seed(seed).build().start()) {
                long late = send(sender, link.address(), count, perSecond);
                DirectionStatistics up = awaitDrained(link, delivered, count);
                receiver.close();
                reader.join(TimeUnit.SECONDS.toMillis(10));
                long[] sorted = delivered.keys();
                Arrays.sort(sorted);
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                ByteBuffer bytes = ByteBuffer.allocate(8);
                for (long key : sorted) {
                    sha.update(bytes.clear().putLong(key).flip());
                }
                System.out.printf("sent %d%nread %d%ndelivered %d%nlinkDelivered %d%ndroppedBeforeLink %d%n"
                        + "lateSends %d%ndigest %s%n", count, up.datagramsIn(), sorted.length, up.delivered(),
                        up.droppedBeforeLink(), late,
                        HexFormat.of().formatHex(sha.digest()));
            }
        }
        System.exit(0);
    }

    /** Sends datagram {@code i} at {@code start + i / perSecond}; returns how many left more than 1 ms late. */
    private static long send(DatagramSocket sender, InetSocketAddress to, int count, long perSecond)
            throws IOException {
        byte[] payload = new byte[BYTES];
        ByteBuffer view = ByteBuffer.wrap(payload);
        long start = System.nanoTime();
        long late = 0;
        for (int i = 0; i < count; i++) {
            long due = start + i * 1_000_000_000L / perSecond;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 20_000)); // pacing: a schedule, not a condition
            }
            if (-wait > 1_000_000) {
                late++;
            }
            view.clear();
            view.putInt(i).putLong(0x5eed_0000_0000L + i).putInt(~i);
            sender.send(new DatagramPacket(payload, payload.length, to));
        }
        return late;
    }

    /**
     * Waits until the link has read or lost every datagram sent, nothing is in flight, and the receiver has what the
     * link delivered; bounded (a run that does not drain is reported by its figures, not hidden).
     */
    private static DirectionStatistics awaitDrained(UdpLink link, Delivered delivered, int sent) {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (true) {
            // In flight first, figures after: figures read before the last copies left would be stale by those
            // copies while the receiver already counts them (99,998 against 100,000 in one cold run).
            int inFlight = link.inFlight();
            DirectionStatistics up = link.statistics().upstream();
            boolean read = up.datagramsIn() + up.droppedBeforeLink() >= sent;
            if (read && inFlight == 0 && up.bytesInFlight() == 0 && delivered.count() >= up.delivered()
                    || System.nanoTime() - deadline > 0) {
                return up;
            }
            LockSupport.parkNanos(1_000_000); // poll interval of a bounded wait
        }
    }

    /** Keeps a (CRC-32 of the content, sequence number) key per datagram until the socket closes. */
    private static void receive(DatagramSocket receiver, Delivered delivered) {
        byte[] buffer = new byte[2_048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        CRC32 crc = new CRC32();
        while (!receiver.isClosed()) {
            try {
                packet.setLength(buffer.length);
                receiver.receive(packet);
            } catch (SocketTimeoutException idle) {
                continue;
            } catch (IOException closed) {
                return;
            }
            crc.reset();
            crc.update(buffer, 0, packet.getLength());
            delivered.add(crc.getValue() << 32 | (ByteBuffer.wrap(buffer).getInt(0) & 0xffff_ffffL));
        }
    }

    /** What the receiver got, one key per datagram; shared by the reader thread and the main thread. */
    private static final class Delivered {
        private long[] keys;
        private int count;

        Delivered(int expected) {
            keys = new long[expected + expected / 8 + 16];
        }

        synchronized void add(long key) {
            if (count == keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
            }
            keys[count++] = key;
        }

        synchronized int count() {
            return count;
        }

        synchronized long[] keys() {
            return Arrays.copyOf(keys, count);
        }
    }
}
