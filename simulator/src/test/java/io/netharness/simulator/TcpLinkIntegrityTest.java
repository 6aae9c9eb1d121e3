package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Bytes through an impaired TCP link arrive complete, intact and in order. Isolated: the 256 MiB transfer would
 * otherwise compete for the CPU with the timing tests of other classes.
 */
@Isolated
class TcpLinkIntegrityTest {

    private static final int BLOCK = 64 * 1024;

    /** What a sink saw: byte count and SHA-256. */
    record Received(long bytes, String sha256) {}

    @Test
    void twoHundredFiftySixMebibytesArriveIntactThroughLatencyJitterBandwidthAndSlicer() throws Exception {
        long total = 256L << 20;
        CompletableFuture<Received> received = new CompletableFuture<>();
        LinkProfile profile = LinkProfile.builder()
                .latency(Latency.of(Duration.ofMillis(2), Duration.ofMillis(1)))
                .bandwidth(Bandwidth.ofBytesPerSecond(200_000_000))
                .build();
        try (LoopbackServer server = new LoopbackServer(socket -> received.complete(drain(socket.getInputStream())));
                TcpLink link = TcpLink.builder().target(server.address()).seed(256).upstream(profile).build().start()) {
            link.addFault(Direction.UPSTREAM, ConnectionFault.slicer(32 * 1024, 16 * 1024, Duration.ofNanos(20_000)));
            AtomicLong peakDirectMemory = new AtomicLong();
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread sampler = startDirectMemorySampler(sending, peakDirectMemory);

            long start = System.nanoTime();
            String sent;
            try (Socket client = new Socket(link.address().getAddress(), link.address().getPort())) {
                sent = send(client.getOutputStream(), total, 1);
                client.shutdownOutput();
                Received result = received.get(100, TimeUnit.SECONDS);
                long elapsed = System.nanoTime() - start;
                sending.set(false);
                sampler.join(5_000);

                assertThat(result.bytes()).isEqualTo(total);
                assertThat(result.sha256()).isEqualTo(sent);
                double seconds = elapsed / 1e9;
                System.out.printf("256 MiB through latency 2ms±1ms, 200 MB/s, slicer 32KiB±16KiB/20us: %.2f s,"
                        + " %.1f MB/s, peak pooled direct memory %d MiB%n",
                        seconds, total / seconds / 1e6, peakDirectMemory.get() >> 20);
                // The bandwidth is the ceiling (1.34 s minimum); back-pressure keeps the link's memory small.
                assertThat(total / seconds).isLessThan(200_000_000 * 1.02);
                assertThat(peakDirectMemory.get()).as("peak direct memory").isLessThan(128L << 20);
            }
            DirectionStatistics upstream = link.statistics().upstream();
            assertThat(upstream.bytesIn()).isEqualTo(total);
            assertThat(upstream.bytesDelivered()).isEqualTo(total);
            // Every chunk was delayed by 2 ms ± 1 ms, and sliced: more deliveries than chunks read.
            assertThat(upstream.delays().min()).isGreaterThanOrEqualTo(Duration.ofMillis(1));
            assertThat(upstream.delivered()).isGreaterThan(upstream.datagramsIn());
            assertThat(server.failures()).isEmpty();
        }
    }

    @Test
    void bothDirectionsArriveIntactThroughAnImpairedEcho() throws Exception {
        long total = 32L << 20;
        LinkProfile profile = LinkProfile.builder()
                .latency(Latency.of(Duration.ofMillis(1), Duration.ofMillis(1)))
                .bandwidth(Bandwidth.ofBytesPerSecond(100_000_000))
                .build();
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.ECHO);
                TcpLink link = TcpLink.builder().target(server.address()).seed(2).profile(profile).build().start();
                Socket client = new Socket(link.address().getAddress(), link.address().getPort())) {
            link.addFault(Direction.DOWNSTREAM, ConnectionFault.slicer(8 * 1024, 4 * 1024, Duration.ZERO));
            CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> {
                try {
                    String digest = send(client.getOutputStream(), total, 2);
                    client.shutdownOutput();
                    return digest;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            client.setSoTimeout(30_000);
            Received echoed = drain(client.getInputStream());

            assertThat(echoed.bytes()).isEqualTo(total);
            assertThat(echoed.sha256()).isEqualTo(sent.get(30, TimeUnit.SECONDS));
            assertThat(server.failures()).isEmpty();
        }
    }

    /** Writes {@code total} seeded pseudo-random bytes; returns their SHA-256. */
    static String send(OutputStream out, long total, long seed) throws IOException {
        MessageDigest digest = sha256();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[BLOCK];
        for (long left = total; left > 0; left -= BLOCK) {
            random.nextBytes(block);
            int n = (int) Math.min(BLOCK, left);
            digest.update(block, 0, n);
            out.write(block, 0, n);
        }
        out.flush();
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads to EOF; returns the count and SHA-256. */
    static Received drain(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] block = new byte[BLOCK];
        long bytes = 0;
        for (int n; (n = in.read(block)) != -1; ) {
            digest.update(block, 0, n);
            bytes += n;
        }
        return new Received(bytes, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Thread startDirectMemorySampler(AtomicBoolean running, AtomicLong peak) {
        Thread sampler = new Thread(() -> {
            if (!(ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider)) {
                return;
            }
            // Bounded by the test: stops when the transfer ends (or after 2 minutes at most).
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (running.get() && System.nanoTime() < deadline) {
                peak.accumulateAndGet(provider.metric().usedDirectMemory(), Math::max);
                try {
                    Thread.sleep(5); // sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "direct-memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return sampler;
    }
}
