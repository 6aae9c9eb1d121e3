package io.netharness.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitsTest {

    @Test
    void aValueAlreadyZeroIsReadOnce() {
        AtomicInteger reads = new AtomicInteger();
        assertThat(Waits.untilZero(() -> {
            reads.incrementAndGet();
            return 0;
        }, System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isZero();
        assertThat(reads).hasValue(1);
    }

    @Test
    void theWaitEndsAtTheReadThatSeesZero() {
        AtomicInteger reads = new AtomicInteger();
        assertThat(Waits.untilZero(() -> reads.incrementAndGet() < 4 ? 1 : 0,
                System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isZero();
        assertThat(reads).hasValue(4);
    }

    @Test
    void aValueThatStaysAboveZeroIsReturnedAtTheDeadline() {
        long start = System.nanoTime();
        assertThat(Waits.untilZero(() -> 3, start + TimeUnit.MILLISECONDS.toNanos(30))).isEqualTo(3);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
    }

    @Test
    void pausesStartShortAndDoubleUpToFiveMilliseconds() {
        assertThat(Waits.pauseNanos(0)).isEqualTo(TimeUnit.MICROSECONDS.toNanos(50));
        assertThat(Waits.pauseNanos(1)).isEqualTo(TimeUnit.MICROSECONDS.toNanos(100));
        assertThat(Waits.pauseNanos(6)).isEqualTo(TimeUnit.MICROSECONDS.toNanos(3_200));
        assertThat(Waits.pauseNanos(7)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(Waits.pauseNanos(1_000)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() {
        Thread.currentThread().interrupt();
        try {
            assertThat(Waits.untilZero(() -> 2, System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isEqualTo(2);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
