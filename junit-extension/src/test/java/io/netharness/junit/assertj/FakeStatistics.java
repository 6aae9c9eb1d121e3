package io.netharness.junit.assertj;

import io.netharness.simulator.DelayHistogram;
import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.DropCause;
import java.time.Duration;
import java.util.Map;

/** Statistics snapshots with chosen figures, so assertion messages can be checked exactly. */
final class FakeStatistics {

    private FakeStatistics() {}

    /** {@code in} arrived (16 bytes each), {@code dropped} dropped, the rest delivered with the given delays. */
    static DirectionStatistics of(long in, long dropped, Duration mean, Duration p99) {
        long delivered = in - dropped;
        Map<DropCause, Long> droppedBytes = Map.of(DropCause.IMPAIRMENT, dropped * 16);
        return new DirectionStatistics(in * 16, delivered * 16, 0, in, delivered, dropped, 0, 0, 0, 0, droppedBytes,
                new Histogram(delivered, mean, p99));
    }

    /** As {@link #of}, with {@code beforeLink} datagrams dropped by the kernel before the link read them. */
    static DirectionStatistics withDropsBeforeLink(long in, long dropped, long beforeLink) {
        long delivered = in - dropped;
        Map<DropCause, Long> droppedBytes = Map.of(DropCause.IMPAIRMENT, dropped * 16);
        return new DirectionStatistics(in * 16, delivered * 16, 0, in, delivered, dropped, 0, 0, 0, 0, droppedBytes,
                new Histogram(delivered, Duration.ZERO, Duration.ZERO), beforeLink);
    }

    record Histogram(long count, Duration mean, Duration p99) implements DelayHistogram {
        @Override public Duration min() { return mean; }
        @Override public Duration max() { return p99; }
        @Override public Duration percentile(double percentile) { return percentile >= 99 ? p99 : mean; }
        @Override public String toString() { return "{count " + count + ", mean " + mean + ", p99 " + p99 + "}"; }
    }
}
