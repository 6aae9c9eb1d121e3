package io.netharness.simulator.internal.stats;

import io.netharness.simulator.DelayHistogram;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe, allocation-free (after warm-up) recorder of delays in microseconds, laid out log-linearly
 * like HdrHistogram with three significant digits: values below {@value #LINEAR_LIMIT} µs each get their own
 * bucket; above, every power of two is split into {@value #SUB_BUCKETS} buckets (relative error below 0.1 %).
 * Blocks for larger magnitudes are allocated when first used, so a histogram of millisecond delays stays
 * small. Values above {@code 2^}{@value #MAX_MAGNITUDE}{@code  µs} (about 19 hours) share the last bucket.
 */
public final class DelayRecorder {

    static final int SUB_BITS = 10;
    static final int SUB_BUCKETS = 1 << SUB_BITS;
    static final int LINEAR_LIMIT = 2 * SUB_BUCKETS;
    static final int FIRST_LOG_MAGNITUDE = SUB_BITS + 1;
    static final int MAX_MAGNITUDE = 36;

    private final AtomicLongArray linear = new AtomicLongArray(LINEAR_LIMIT);
    private final AtomicReferenceArray<AtomicLongArray> logBlocks =
            new AtomicReferenceArray<>(MAX_MAGNITUDE - FIRST_LOG_MAGNITUDE + 1);
    private final LongAdder sumMicros = new LongAdder();
    private final AtomicLong minMicros = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong maxMicros = new AtomicLong(Long.MIN_VALUE);

    /** Records one delay given in nanoseconds (rounded to the nearest microsecond; negatives count as 0). */
    public void recordNanos(long nanos) {
        recordMicros(nanos <= 0 ? 0 : (nanos + 500) / 1000);
    }

    /** Records one delay in microseconds. */
    public void recordMicros(long micros) {
        long value = Math.max(0, micros);
        sumMicros.add(value);
        minMicros.accumulateAndGet(value, Math::min);
        maxMicros.accumulateAndGet(value, Math::max);
        if (value < LINEAR_LIMIT) {
            linear.incrementAndGet((int) value);
            return;
        }
        int magnitude = Math.min(MAX_MAGNITUDE, 63 - Long.numberOfLeadingZeros(value));
        int shift = magnitude - SUB_BITS;
        int sub = magnitude == MAX_MAGNITUDE && value >= (1L << (MAX_MAGNITUDE + 1))
                ? SUB_BUCKETS - 1
                : (int) (value >>> shift) - SUB_BUCKETS;
        block(magnitude - FIRST_LOG_MAGNITUDE).incrementAndGet(sub);
    }

    private AtomicLongArray block(int blockIndex) {
        AtomicLongArray block = logBlocks.get(blockIndex);
        if (block == null) {
            logBlocks.compareAndSet(blockIndex, null, new AtomicLongArray(SUB_BUCKETS));
            block = logBlocks.get(blockIndex);
        }
        return block;
    }

    /** An immutable copy of what was recorded so far. */
    public DelayHistogram snapshot() {
        long[] linearCounts = new long[LINEAR_LIMIT];
        for (int i = 0; i < LINEAR_LIMIT; i++) {
            linearCounts[i] = linear.get(i);
        }
        long[][] logCounts = new long[logBlocks.length()][];
        for (int b = 0; b < logCounts.length; b++) {
            AtomicLongArray block = logBlocks.get(b);
            if (block != null) {
                logCounts[b] = new long[SUB_BUCKETS];
                for (int i = 0; i < SUB_BUCKETS; i++) {
                    logCounts[b][i] = block.get(i);
                }
            }
        }
        long min = minMicros.get();
        long max = maxMicros.get();
        return new HistogramSnapshot(linearCounts, logCounts, min == Long.MAX_VALUE ? 0 : min,
                max == Long.MIN_VALUE ? 0 : max, sumMicros.sum());
    }
}
