package io.netharness.simulator;

import static io.netharness.simulator.TcpTests.await;
import static io.netharness.simulator.TcpTests.connect;
import static io.netharness.simulator.TcpTests.millisSince;
import static io.netharness.simulator.TcpTests.readExactly;
import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * What a TcpLink's profile does to timing (and, when asked, content), measured over loopback. Isolated from other
 * test classes, whose load would blur the figures.
 */
@Isolated
class TcpLinkTimingTest {

    private static LinkProfile latency(long millis) {
        return LinkProfile.builder().latency(Latency.of(Duration.ofMillis(millis))).build();
    }

    /** Round trips of {@code size} bytes through an echo behind {@code link}, in milliseconds, sorted. */
    private static double[] roundTrips(Socket client, int samples, int size) throws IOException {
        byte[] ping = new byte[size];
        double[] millis = new double[samples];
        OutputStream out = client.getOutputStream();
        for (int i = 0; i < samples; i++) {
            ping[0] = (byte) i;
            long start = System.nanoTime();
            out.write(ping);
            byte[] pong = readExactly(client, size);
            millis[i] = millisSince(start);
            assertThat(pong).isEqualTo(ping);
        }
        Arrays.sort(millis);
        return millis;
    }

    @Test
    void latencyOf20MillisecondsEachWayAddsAbout40MillisecondsToARoundTrip() throws Exception {
        try (LoopbackServer echo = new LoopbackServer(LoopbackServer.ECHO);
                TcpLink perfect = TcpLink.builder().target(echo.address()).seed(1).build().start();
                TcpLink delayed = TcpLink.builder().target(echo.address()).seed(1).profile(latency(20)).build().start();
                Socket viaPerfect = connect(perfect.address());
                Socket viaDelayed = connect(delayed.address())) {
            roundTrips(viaPerfect, 3, 32); // warm-up: connection set-up, JIT
            roundTrips(viaDelayed, 3, 32);
            int samples = 21;
            int rounds = 0;
            double bestAdded = Double.MAX_VALUE;
            double bestBase = Double.NaN;
            // Interleaved, so both links see the same machine load; the perfect link is the baseline. A burst of load
            // elsewhere on this shared machine can spoil a round, so the best of up to five rounds counts; the lower
            // bound holds for every single round trip.
            while (rounds < 5 && bestAdded > 42.0) {
                rounds++;
                double[] base = new double[samples];
                double[] rtt = new double[samples];
                for (int i = 0; i < samples; i++) {
                    base[i] = roundTrips(viaPerfect, 1, 32)[0];
                    rtt[i] = roundTrips(viaDelayed, 1, 32)[0];
                }
                Arrays.sort(base);
                Arrays.sort(rtt);
                double added = rtt[samples / 2] - base[samples / 2];
                System.out.printf("latency 20 ms each way, round %d: round trip min %.3f, median %.3f, max %.3f ms;"
                        + " baseline median %.3f ms; added %.3f ms%n", rounds, rtt[0], rtt[samples / 2],
                        rtt[samples - 1], base[samples / 2], added);
                // A delay is never shorter than asked for, however busy the machine.
                assertThat(rtt[0]).as("fastest round trip, ms").isGreaterThanOrEqualTo(40.0);
                if (added < bestAdded) {
                    bestAdded = added;
                    bestBase = base[samples / 2];
                }
            }
            DelayHistogram upstreamDelays = delayed.statistics().upstream().delays();
            System.out.printf("link upstream delay p50 %s, p99 %s, max %s%n", upstreamDelays.percentile(50),
                    upstreamDelays.percentile(99), upstreamDelays.max());
            assertThat(bestAdded).as("median added round-trip time, ms (baseline median %.3f ms)", bestBase)
                    .isBetween(39.0, 44.0);
            assertThat(upstreamDelays.count()).isEqualTo(3 + (long) rounds * samples);
            assertThat(upstreamDelays.min()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        }
    }

    @Test
    void aProfileChangedAtRunTimeAppliesToTheNextChunk() throws Exception {
        try (LoopbackServer echo = new LoopbackServer(LoopbackServer.ECHO);
                TcpLink link = TcpLink.builder().target(echo.address()).seed(2).build().start();
                Socket client = connect(link.address())) {
            double[] perfect = roundTrips(client, 5, 8);
            assertThat(perfect[0]).as("fastest round trip without impairment, ms").isLessThan(50.0);

            LinkProfile slow = latency(50);
            link.profile(Direction.UPSTREAM, slow);
            assertThat(link.profile(Direction.UPSTREAM)).isEqualTo(slow);
            assertThat(link.profile(Direction.DOWNSTREAM)).isEqualTo(LinkProfile.PERFECT);
            double[] delayed = roundTrips(client, 3, 8);
            assertThat(delayed[0]).as("fastest round trip with 50 ms upstream, ms").isGreaterThanOrEqualTo(50.0);
        }
    }

    @Test
    void bandwidthLimitsTheRateOfTheDirection() throws Exception {
        int total = 500_000;
        CompletableFuture<Long> doneAt = new CompletableFuture<>();
        LinkProfile oneMegabytePerSecond = LinkProfile.builder().bandwidth(Bandwidth.ofBytesPerSecond(1_000_000)).build();
        try (LoopbackServer sink = new LoopbackServer(socket -> {
                    socket.getInputStream().readAllBytes();
                    doneAt.complete(System.nanoTime());
                });
                TcpLink link = TcpLink.builder().target(sink.address()).seed(3).upstream(oneMegabytePerSecond).build()
                        .start();
                Socket client = connect(link.address())) {
            long start = System.nanoTime();
            client.getOutputStream().write(new byte[total]);
            client.shutdownOutput();
            double millis = (doneAt.get(10, TimeUnit.SECONDS) - start) / 1e6;
            System.out.printf("500 kB at 1 MB/s: %.1f ms%n", millis);
            assertThat(millis).isBetween(480.0, 3_000.0);
            assertThat(link.statistics().upstream().bytesDelivered()).isEqualTo(total);
        }
    }

    @Test
    void lossStallsTheStreamForBackedOffRetransmissionTimeoutsButLosesNothing() throws Exception {
        byte[] data = new byte[3 * 1460]; // three segments, all lost once
        new SplittableRandom(4).nextBytes(data);
        LinkProfile allLost = LinkProfile.builder().loss(Loss.random(1.0)).build();
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.HOLD);
                TcpLink link = TcpLink.builder().target(server.address()).seed(4).upstream(allLost)
                        .retransmissionTimeout(Duration.ofMillis(20), Duration.ofMillis(80)).build().start();
                Socket client = connect(link.address())) {
            long start = System.nanoTime();
            client.getOutputStream().write(data);
            Socket accepted = server.nextConnection();
            accepted.setSoTimeout(10_000);

            assertThat(readExactly(accepted, data.length)).isEqualTo(data);
            // Stalls of 20, 40 and 80 ms (capped): the third segment cannot arrive before 80 ms.
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(80);
            assertThat(link.retransmissionStalls(Direction.UPSTREAM)).isEqualTo(3);
            assertThat(link.retransmissionStalls(Direction.DOWNSTREAM)).isZero();
            assertThat(link.statistics().upstream().bytesDelivered()).isEqualTo(data.length);
        }
    }

    @Test
    void corruptionFlipsOneBitPerCorruptedChunkAndChangesNothingElse() throws Exception {
        byte[] data = new byte[1000];
        new SplittableRandom(5).nextBytes(data);
        LinkProfile corrupting = LinkProfile.builder().corruption(new Corruption(1.0)).build();
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.HOLD);
                TcpLink link = TcpLink.builder().target(server.address()).seed(5).upstream(corrupting).build().start();
                Socket client = connect(link.address())) {
            client.getOutputStream().write(data);
            Socket accepted = server.nextConnection();
            accepted.setSoTimeout(10_000);
            byte[] received = readExactly(accepted, data.length);

            int flippedBits = 0;
            for (int i = 0; i < data.length; i++) {
                flippedBits += Integer.bitCount((data[i] ^ received[i]) & 0xff);
            }
            long corruptedChunks = link.statistics().upstream().corrupted();
            assertThat(corruptedChunks).isPositive();
            assertThat(flippedBits).isEqualTo((int) corruptedChunks);
        }
    }

    @Test
    void aReceiverThatDoesNotReadMakesTheLinkStopReadingFromTheSender() throws Exception {
        long budget = 256 * 1024;
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.HOLD);
                TcpLink link = TcpLink.builder().target(server.address()).seed(6).upstream(latency(1))
                        .bufferBytes(budget).build().start();
                Socket client = connect(link.address())) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    for (int i = 0; i < 1024; i++) {
                        out.write(new byte[64 * 1024]); // 64 MiB: far more than all buffers on the way hold
                    }
                } catch (IOException closedByTheTest) {
                    // the link is closed at the end of the test
                }
            });
            await("the link has read a few MiB", () -> link.statistics().upstream().bytesIn() > (2 << 20));
            long maxHeld = 0;
            long lastIn = -1;
            int stableSamples = 0;
            // Sample until the intake has stopped growing for a while (bounded: 2000 samples, about 4 s).
            for (int i = 0; i < 2000 && stableSamples < 100; i++) {
                DirectionStatistics now = link.statistics().upstream();
                maxHeld = Math.max(maxHeld, now.bytesIn() - now.bytesDelivered());
                stableSamples = now.bytesIn() == lastIn ? stableSamples + 1 : 0;
                lastIn = now.bytesIn();
                await("2 ms passed", new Pause(2));
            }
            System.out.printf("non-reading receiver: link read %d bytes, held at most %d bytes%n", lastIn, maxHeld);
            assertThat(stableSamples).as("samples without new intake").isEqualTo(100);
            assertThat(writer).isNotDone();
            // Held: the delay line's budget, the receiving channel's write queue up to its high-water mark (1 MiB),
            // and one read (up to 4 MiB) taken before reading stopped. Bytes count as delivered only once the
            // receiving socket accepted them, so the channel's queue is part of what the link holds.
            assertThat(maxHeld).as("bytes held in the link").isLessThanOrEqualTo(budget + (1 << 20) + (4 << 20));
            DirectionStatistics last = link.statistics().upstream();
            assertThat(last.bytesInFlight()).as("bytes in flight").isEqualTo(last.bytesIn() - last.bytesDelivered());
            assertThat(lastIn).as("bytes read from the sender").isLessThan(64L << 20);
            link.close();
            writer.get(10, TimeUnit.SECONDS);
        }
    }

    /** A condition that turns true after a fixed time: paces a sampling loop. */
    private record Pause(long deadlineNanos) implements java.util.function.BooleanSupplier {
        Pause(int millis) {
            this(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        }

        @Override
        public boolean getAsBoolean() {
            return System.nanoTime() - deadlineNanos >= 0;
        }
    }
}
