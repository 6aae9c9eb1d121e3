package io.netharness.simulator.internal.stats;

import io.netharness.simulator.DirectionStatistics;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live, thread-safe counters of one direction of a link; cheap enough to bump for every datagram from any
 * event loop. {@link #snapshot()} gives the public {@link DirectionStatistics}.
 */
public final class DirectionCounters {

    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesDelivered = new LongAdder();
    private final LongAdder datagramsIn = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder reordered = new LongAdder();
    private final LongAdder corrupted = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final DelayRecorder delays = new DelayRecorder();

    /** A datagram (or chunk) of {@code bytes} arrived at the link. */
    public void arrived(int bytes) {
        datagramsIn.increment();
        bytesIn.add(bytes);
    }

    /** A datagram (or copy) of {@code bytes} left towards the receiver after {@code delayNanos} in the link. */
    public void delivered(int bytes, long delayNanos) {
        delivered.increment();
        bytesDelivered.add(bytes);
        delays.recordNanos(delayNanos);
    }

    public void dropped() {
        dropped.increment();
    }

    public void duplicated() {
        duplicated.increment();
    }

    public void reordered() {
        reordered.increment();
    }

    public void corrupted() {
        corrupted.increment();
    }

    public void truncated() {
        truncated.increment();
    }

    /** The counters now; each is read atomically, the set is not (traffic may be flowing). */
    public DirectionStatistics snapshot() {
        return new DirectionStatistics(bytesIn.sum(), bytesDelivered.sum(), datagramsIn.sum(), delivered.sum(),
                dropped.sum(), duplicated.sum(), reordered.sum(), corrupted.sum(), truncated.sum(),
                delays.snapshot());
    }
}
