package io.netharness.simulator.internal.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The hold-back window of a {@link io.netharness.simulator.profile.Reordering}: a held item is released once
 * {@code gap} later items have been sent past it, or once it has waited {@code maxHold}, whichever comes
 * first, so the window always flushes (given that the owner calls {@link #expire(long)} at
 * {@link #nextDeadline()}). Released items come out in the order they were held. Only items sent without
 * being held count as passing; released items do not, so releases never cascade. Single-threaded; time is
 * passed in by the caller.
 *
 * @param <T> the held item (a datagram, a stream message)
 */
public final class ReorderWindow<T> {

    /** {@link #nextDeadline()} when nothing is held. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private final ArrayDeque<Held<T>> held = new ArrayDeque<>();

    private static final class Held<T> {
        final T item;
        final long deadline;
        int remaining;

        Held(T item, int gap, long deadline) {
            this.item = item;
            this.remaining = gap;
            this.deadline = deadline;
        }
    }

    /** Holds {@code item} until {@code gap} items have passed it, or until {@code nowNanos + maxHoldNanos}. */
    public void hold(T item, int gap, long nowNanos, long maxHoldNanos) {
        long deadline = maxHoldNanos >= NO_DEADLINE - nowNanos ? NO_DEADLINE - 1 : nowNanos + maxHoldNanos;
        held.addLast(new Held<>(item, gap, deadline));
    }

    /**
     * Records that one item was sent past the held ones; returns those released by it, in hold order, to be
     * sent right after it.
     */
    public List<T> passed() {
        if (held.isEmpty()) {
            return List.of();
        }
        List<T> released = new ArrayList<>(1);
        for (Iterator<Held<T>> it = held.iterator(); it.hasNext(); ) {
            Held<T> entry = it.next();
            if (--entry.remaining <= 0) {
                it.remove();
                released.add(entry.item);
            }
        }
        return released;
    }

    /** Releases, in hold order, every item whose {@code maxHold} has run out at {@code nowNanos}. */
    public List<T> expire(long nowNanos) {
        if (held.isEmpty()) {
            return List.of();
        }
        List<T> released = new ArrayList<>(1);
        for (Iterator<Held<T>> it = held.iterator(); it.hasNext(); ) {
            Held<T> entry = it.next();
            if (entry.deadline <= nowNanos) {
                it.remove();
                released.add(entry.item);
            }
        }
        return released;
    }

    /** The earliest deadline of a held item, or {@link #NO_DEADLINE}. */
    public long nextDeadline() {
        long next = NO_DEADLINE;
        for (Held<T> entry : held) {
            next = Math.min(next, entry.deadline);
        }
        return next;
    }

    /** Removes and returns everything held (on close, to release it). */
    public List<T> drain() {
        List<T> all = new ArrayList<>(held.size());
        for (Held<T> entry : held) {
            all.add(entry.item);
        }
        held.clear();
        return all;
    }

    public int size() {
        return held.size();
    }

    public boolean isEmpty() {
        return held.isEmpty();
    }
}
