package io.netharness.simulator.internal.stats;

import static io.netharness.simulator.internal.stats.DelayRecorder.FIRST_LOG_MAGNITUDE;
import static io.netharness.simulator.internal.stats.DelayRecorder.SUB_BITS;
import static io.netharness.simulator.internal.stats.DelayRecorder.SUB_BUCKETS;

import io.netharness.simulator.DelayHistogram;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** Immutable {@link DelayHistogram} made by {@link DelayRecorder#snapshot()}; bucket layout documented there. */
final class HistogramSnapshot implements DelayHistogram {

    private final long[] linear;
    private final long[][] log;
    private final long count;
    private final long minMicros;
    private final long maxMicros;
    private final long sumMicros;

    HistogramSnapshot(long[] linear, long[][] log, long minMicros, long maxMicros, long sumMicros) {
        this.linear = linear;
        this.log = log;
        long total = 0;
        for (long c : linear) {
            total += c;
        }
        for (long[] block : log) {
            if (block != null) {
                for (long c : block) {
                    total += c;
                }
            }
        }
        // Counted from the buckets so that percentiles and count agree even if recording raced the snapshot.
        this.count = total;
        this.minMicros = minMicros;
        this.maxMicros = maxMicros;
        this.sumMicros = sumMicros;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public Duration min() {
        return micros(count == 0 ? 0 : minMicros);
    }

    @Override
    public Duration max() {
        return micros(count == 0 ? 0 : maxMicros);
    }

    @Override
    public Duration mean() {
        return count == 0 ? Duration.ZERO : Duration.ofNanos(Math.round(sumMicros * 1000.0 / count));
    }

    @Override
    public Duration percentile(double percentile) {
        if (!(percentile >= 0.0 && percentile <= 100.0)) {
            throw new IllegalArgumentException("percentile: " + percentile + " (expected: 0.0-100.0)");
        }
        if (count == 0) {
            return Duration.ZERO;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < linear.length; i++) {
            seen += linear[i];
            if (seen >= rank) {
                return micros(clamp(i));
            }
        }
        for (int b = 0; b < log.length; b++) {
            if (log[b] == null) {
                continue;
            }
            int shift = b + FIRST_LOG_MAGNITUDE - SUB_BITS;
            for (int i = 0; i < SUB_BUCKETS; i++) {
                seen += log[b][i];
                if (seen >= rank) {
                    long low = (long) (SUB_BUCKETS + i) << shift;
                    return micros(clamp(low + (1L << shift) / 2));
                }
            }
        }
        return max();
    }

    private long clamp(long micros) {
        return Math.max(minMicros, Math.min(maxMicros, micros));
    }

    private static Duration micros(long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }

    @Override
    public String toString() {
        if (count == 0) {
            return "{count 0}";
        }
        return "{count " + count + ", min " + us(min()) + ", p50 " + us(percentile(50)) + ", p99 "
                + us(percentile(99)) + ", max " + us(max()) + ", mean " + us(mean()) + "}";
    }

    private static String us(Duration duration) {
        long micros = duration.toNanos() / 1000;
        return micros >= 10_000 ? String.format("%.3fms", micros / 1000.0) : micros + "us";
    }
}
