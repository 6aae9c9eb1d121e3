package io.netharness.simulator.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.core.Chunk;
import io.netharness.core.Lifecycle;
import io.netharness.core.Pipeline;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netharness.simulator.profile.Reordering;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamImpairmentTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final double Z_999 = 3.2905;

    @Test
    void throwawayDuplicateAndReorderInAPipelineAreDeterministicPerSeed() throws Exception {
        List<Integer> first = runPipeline(42, 5_000);
        List<Integer> second = runPipeline(42, 5_000);
        List<Integer> otherSeed = runPipeline(43, 5_000);

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void throwawayLosesItsShareWithinTheBinomialInterval() throws Exception {
        int n = 5_000;
        List<Integer> out = run(StreamImpairment.throwaway(Loss.random(0.1), 7), n);
        double halfWidth = Z_999 * Math.sqrt(n * 0.1 * 0.9);
        assertThat((double) n - out.size()).isBetween(n * 0.1 - halfWidth, n * 0.1 + halfWidth);
        assertThat(out).isSorted();
    }

    @Test
    void duplicateSendsEveryChosenMessageTwiceInARow() throws Exception {
        StreamImpairment<Integer> duplicate = StreamImpairment.duplicate(new Duplication(1.0, 0.0), 1);
        List<Integer> out = run(duplicate, 3);
        assertThat(out).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(duplicate.statistics().duplicated()).isEqualTo(3);
    }

    @Test
    void reorderKeepsEveryMessageAndFlushesAtTheEnd() throws Exception {
        StreamImpairment<Integer> reorder = StreamImpairment.reorder(
                new Reordering(0.2, 3, Duration.ofSeconds(30)), 5);
        List<Integer> out = run(reorder, 2_000);
        assertThat(out).hasSize(2_000).doesNotHaveDuplicates().isNotEqualTo(sorted(out));
        assertThat(reorder.statistics().reordered()).isPositive();
    }

    @Test
    void heldMessageLeavesAtMaxHoldWithoutFurtherTraffic() throws Exception {
        try (StreamImpairment<String> reorder = StreamImpairment.reorder(
                new Reordering(1.0, 5, Duration.ofMillis(50)), 9)) {
            reorder.start();
            long start = System.nanoTime();
            reorder.inbox().put("alone");
            assertThat(reorder.outbox().take(WAIT)).isEqualTo("alone");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        }
    }

    @Test
    void corruptFlipsOneBitOfAChunk() throws Exception {
        try (StreamImpairment<Chunk> corrupt = StreamImpairment.corrupt(new Corruption(1.0), 3)) {
            corrupt.start();
            corrupt.inbox().put(Chunk.of(new byte[16]));
            Chunk out = corrupt.outbox().take(WAIT);
            int bits = 0;
            for (int i = 0; i < out.size(); i++) {
                bits += Integer.bitCount(out.byteAt(i) & 0xff);
            }
            assertThat(bits).isEqualTo(1);
        }
    }

    @Test
    void timedEffectsAreRefusedNamingTheField() {
        LinkProfile delayed = LinkProfile.builder().latency(Latency.of(Duration.ofMillis(20))).build();
        assertThatThrownBy(() -> StreamImpairment.of(delayed, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("latency: ")
                .hasMessageContaining("expected: Latency.NONE");
    }

    private static List<Integer> runPipeline(long seed, int n) throws Exception {
        StreamImpairment<Integer> throwaway = StreamImpairment.throwaway(Loss.gilbert(0.05, 0.5), seed);
        StreamImpairment<Integer> duplicate = StreamImpairment.duplicate(new Duplication(0.05, 0.0), seed);
        StreamImpairment<Integer> reorder = StreamImpairment.reorder(new Reordering(0.05, 2, Duration.ofSeconds(30)),
                seed);
        try (Pipeline<Integer, Integer> line = Pipeline.of(throwaway, duplicate, reorder)) {
            return drive(line, reorder, n);
        }
    }

    private static List<Integer> run(StreamImpairment<Integer> component, int n) throws Exception {
        try (component) {
            return drive(Pipeline.from(component).build(), component, n);
        }
    }

    /** Feeds 0..n-1 and ProducerFinished, collects the output until the finish signal arrives. */
    private static List<Integer> drive(Pipeline<Integer, Integer> line, StreamImpairment<Integer> last, int n)
            throws Exception {
        line.start();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            line.inbox().put(i, WAIT);
            Integer next;
            while ((next = line.outbox().poll()) != null) {
                out.add(next);
            }
        }
        line.control().put(new Lifecycle.ProducerFinished(), WAIT);
        // Keep draining the outbox: the flush at the end may need more room than the outbox has.
        long deadline = System.nanoTime() + WAIT.toNanos();
        Lifecycle signal = null;
        while (signal == null && System.nanoTime() - deadline < 0) {
            Integer next;
            while ((next = line.outbox().poll()) != null) {
                out.add(next);
            }
            signal = line.signal().poll(Duration.ofMillis(1));
        }
        assertThat(signal).isInstanceOf(Lifecycle.ProducerFinished.class);
        // The finish signal may overtake the last messages still waiting for outbox room.
        while (out.size() < last.statistics().delivered()) {
            Integer next = line.outbox().take(WAIT);
            out.add(next);
        }
        return out;
    }

    private static List<Integer> sorted(List<Integer> list) {
        List<Integer> copy = new ArrayList<>(list);
        copy.sort(null);
        return copy;
    }
}
