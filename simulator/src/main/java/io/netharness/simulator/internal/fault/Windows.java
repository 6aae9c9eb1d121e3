package io.netharness.simulator.internal.fault;

import io.netharness.simulator.Trigger;
import io.netharness.simulator.internal.FaultRules;
import java.util.random.RandomGenerator;

/**
 * The windows a trigger of time opens, one after the other, as offsets in nanoseconds from its clock's start (a
 * connection's accept, or a link fault's addition). Pure: no timers and no clock, so the schedule of a seed can be
 * checked without waiting for it; the callers arm timers for what it says.
 *
 * <p>Jitter ({@link Trigger.Periodic#jitter()}) is drawn uniformly from {@code [-jitter, +jitter]} for the first
 * opening, and for each window's length and each gap, by the generator given, so the same seed gives the same
 * windows. Not thread-safe.
 */
public final class Windows {

    /** A close time that never comes. */
    public static final long NEVER = Long.MAX_VALUE;

    /**
     * One window: open from {@code openNanos} until {@code closeNanos} ({@link #NEVER} for good); equal times are an
     * instant.
     */
    public record Window(long openNanos, long closeNanos) {
        public boolean isInstant() {
            return openNanos == closeNanos;
        }
    }

    private final Trigger trigger;
    private final RandomGenerator random;
    private long nextOpen;
    private boolean done;

    private Windows(Trigger trigger, RandomGenerator random) {
        this.trigger = trigger;
        this.random = random;
    }

    /** The windows of {@code trigger}, which must be a trigger of time; {@code random} draws the jitter. */
    public static Windows of(Trigger trigger, RandomGenerator random) {
        if (!FaultRules.isOfTime(trigger)) {
            throw new IllegalArgumentException("not a trigger of time: " + trigger);
        }
        Windows windows = new Windows(trigger, random);
        if (trigger instanceof Trigger.Periodic periodic) {
            windows.nextOpen = Math.max(0, windows.jittered(periodic.first().toNanos(), periodic.jitter().toNanos()));
        }
        return windows;
    }

    /** The next window, or null once there are no more. */
    public Window next() {
        if (done) {
            return null;
        }
        if (trigger instanceof Trigger.OnConnect) {
            done = true;
            return new Window(0, NEVER);
        }
        if (trigger instanceof Trigger.After after) {
            done = true;
            return new Window(after.delay().toNanos(), NEVER);
        }
        if (trigger instanceof Trigger.Between between) {
            done = true;
            return new Window(between.from().toNanos(), between.until().toNanos());
        }
        Trigger.Periodic periodic = (Trigger.Periodic) trigger;
        long jitter = periodic.jitter().toNanos();
        long lasting = periodic.lasting().toNanos();
        long open = nextOpen;
        long close = lasting == 0 ? open : saturatedAdd(open, Math.max(1, jittered(lasting, jitter)));
        long gap = periodic.every().toNanos() - lasting;
        nextOpen = saturatedAdd(close, Math.max(lasting == 0 ? 1 : 0, jittered(gap, jitter)));
        if (nextOpen == NEVER) {
            done = true;
        }
        return new Window(open, close);
    }

    private long jittered(long nominal, long jitter) {
        return jitter == 0 ? nominal : nominal + random.nextLong(-jitter, jitter + 1);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? NEVER : sum;
    }
}
