package io.netharness.simulator;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a timeout, polling briefly; never an unbounded wait. */
final class Waiting {

    private Waiting() {
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        until(what, timeout, condition, () -> "");
    }

    /**
     * Waits for {@code condition}; returns {@code false} if {@code progress} stopped changing for {@code stall}
     * (counting only short poll intervals, so a JVM pause is not taken for a stall); fails after {@code timeout}.
     */
    static boolean untilOrStall(String what, Duration timeout, Duration stall, BooleanSupplier condition,
            Supplier<Object> progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = progress.get();
        long quiet = 0;
        long previous = System.nanoTime();
        while (!condition.getAsBoolean()) {
            long now = System.nanoTime();
            if (now - deadline > 0) {
                fail("timed out after " + timeout + " waiting for " + what + " " + progress.get());
            }
            Object current = progress.get();
            if (!current.equals(last)) {
                last = current;
                quiet = 0;
            } else if ((quiet += Math.min(now - previous, 20_000_000)) > stall.toNanos()) {
                System.out.printf("stalled waiting for %s: %s%n", what, current);
                return false;
            }
            previous = now;
            Thread.sleep(1); // poll interval of a bounded wait
        }
        return true;
    }

    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout + " waiting for " + what + " " + state.get());
            }
            Thread.sleep(1); // poll interval of a bounded wait, not a wait for something to happen
        }
    }
}
