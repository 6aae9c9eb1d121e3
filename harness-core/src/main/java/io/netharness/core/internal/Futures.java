package io.netharness.core.internal;

import io.netharness.core.Format;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Bounded waits on Netty futures that never block an event loop and never swallow an interrupt. */
public final class Futures {

    private Futures() {
    }

    /** Whether the calling thread is one of {@code group}'s event loops (where waiting would deadlock). */
    public static boolean inEventLoop(EventLoopGroup group) {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits for {@code future} at most {@code timeout}.
     *
     * @return whether it completed in time
     * @throws IllegalStateException if interrupted; the interrupt flag is restored and the cause kept
     */
    public static boolean await(Future<?> future, Duration timeout, String what) {
        try {
            return future.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }

    /** Waits for a close to finish, failing loudly if it takes longer than {@code timeout}. */
    public static void awaitClosed(Future<?> future, Duration timeout, String what) {
        if (!await(future, timeout, "close of " + what)) {
            throw new IllegalStateException(what + " did not close within " + Format.duration(timeout));
        }
    }
}
