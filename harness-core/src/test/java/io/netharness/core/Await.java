package io.netharness.core;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Test helpers that wait on conditions with a deadline, never with a bare sleep. */
public final class Await {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Await() {
    }

    /** Reads chunks from {@code outbox} until {@code bytes} bytes arrived; returns them as UTF-8. */
    public static String readUtf8(Outbox<Chunk> outbox, int bytes) throws InterruptedException, TimeoutException {
        Chunk all = Chunk.empty();
        while (all.size() < bytes) {
            all = all.concat(outbox.take(TIMEOUT));
        }
        return all.toUtf8();
    }

    /** Takes lifecycle messages until one of {@code type} arrives, and returns it. */
    public static <T extends Lifecycle> T signalOf(Outbox<Lifecycle> signal, Class<T> type)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            Lifecycle message = signal.take(left);
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }

    /** Waits until {@code condition} holds, checking on a short interval, up to {@link #TIMEOUT}. */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("timed out after " + TIMEOUT + " waiting until " + what);
            }
            synchronized (monitor) {
                monitor.wait(5); // a bounded poll of a condition nothing can notify us about
            }
        }
    }
}
