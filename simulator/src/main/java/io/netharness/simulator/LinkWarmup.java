package io.netharness.simulator;

import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Makes the first link of each kind in a JVM as fast as the thousandth: before the first {@code start()} of a
 * {@link UdpLink}, {@link MulticastLink} or {@link TcpLink} returns, a throwaway link of that kind carries traffic
 * between two sockets of its own on loopback, perfect and then impaired with every kind of impairment, and is closed.
 * That loads and initialises every class of the path (Netty's native transport, buffer pools, the engine, timers) and
 * lets the JIT compile it, which otherwise happens to the user's first datagrams: in a fresh JVM they took hundreds of
 * milliseconds, long enough for a sender at 20,000 datagrams/s to overflow the link's socket and shift every later
 * seeded decision. Nothing is sent to the user's target. Measured in BENCHMARKS.md (first use in a fresh JVM).
 *
 * <p>Once per kind and JVM; concurrent first starts wait for it. It never fails a start: if it cannot run (no
 * loopback multicast, say) it is logged at DEBUG and not tried again. The system property
 * {@value #PROPERTY}{@code =false} turns it off.
 */
final class LinkWarmup {

    /** System property that turns the warm-up off when {@code false}. */
    static final String PROPERTY = "netharness.warmup";

    /** What is warmed up, separately. */
    enum Kind { UDP, MULTICAST, TCP }

    private static final long ECHO_END_MILLIS = 2_000;
    private static final System.Logger LOG = System.getLogger(LinkWarmup.class.getName());
    private static final Set<Kind> DONE = EnumSet.noneOf(Kind.class);
    /** Set on the thread running a warm-up, whose own throwaway link must not wait for itself. */
    private static final ThreadLocal<Boolean> WARMING = ThreadLocal.withInitial(() -> false);

    private LinkWarmup() {
    }

    /** Runs the warm-up of {@code kind} unless it ran (or is running on this thread) already. */
    static void ensure(Kind kind) {
        if (WARMING.get() || !Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return;
        }
        synchronized (DONE) {
            if (DONE.contains(kind)) {
                return;
            }
            WARMING.set(true);
            long start = System.nanoTime();
            try {
                warmUp(kind).call();
                LOG.log(Level.DEBUG, () -> "warmed up " + kind + " links in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | LinkageError e) {
                LOG.log(Level.DEBUG, "warm-up of " + kind + " links failed; the first link pays its own start-up", e);
            } finally {
                WARMING.set(false);
                DONE.add(kind);
            }
        }
    }

    /**
     * Waits up to 2 s for a warm-up's echo thread, whose socket was just closed, to end. An interrupt ends the wait
     * and is kept: closing a warm-up never throws it.
     */
    static void awaitEcho(Thread echo) {
        try {
            echo.join(ECHO_END_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the warm-up of {@code kind} has run (or been given up) in this JVM; for tests. */
    static boolean done(Kind kind) {
        synchronized (DONE) {
            return DONE.contains(kind);
        }
    }

    private static Callable<LinkStatistics> warmUp(Kind kind) {
        return switch (kind) {
            case UDP -> DatagramWarmup::udp;
            case MULTICAST -> DatagramWarmup::multicast;
            case TCP -> StreamWarmup::tcp;
        };
    }
}
