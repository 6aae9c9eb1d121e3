package io.netharness.simulator.internal.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Holds the chunks of one direction of one connection until their delivery time, then writes them to the
 * receiving channel, strictly in the order they were queued.
 *
 * <p>A chunk never overtakes an earlier one: it is delivered at {@code max(asked time, previous delivery time)},
 * so jitter stretches the stream but never reorders it (TCP changes timing, not content).
 *
 * <p>Threads: every method must be called on {@code loop}, the event loop that serves both channels of the
 * connection; the delivery timer runs there too. Buffers: the line owns every queued buffer; it hands each to
 * its listener, to deliver or to release.
 */
final class DelayLine {

    /** What the line tells its owner. Called on the event loop. */
    interface Listener {
        /**
         * {@code chunk} is due after {@code delayNanos} in the line: write and flush it to the receiving channel
         * (one flush per chunk: slices must reach the peer as separate writes). Takes ownership of the buffer.
         */
        void deliver(ByteBuf chunk, long delayNanos);

        /** {@code chunk} will never be delivered (the receiver is gone or the line was discarded); release it. */
        void discarded(ByteBuf chunk);

        /** The queue shrank (delivery or discard); the owner may resume reading. */
        void drained();
    }

    private record Entry(ByteBuf chunk, long arrivedNanos, long deliverAtNanos) {}

    private final EventLoop loop;
    private final Channel receiver;
    private final Listener listener;
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private final Runnable deliverDue = this::deliverDue;

    private long queuedBytes;
    private long lastDeliveryNanos = Long.MIN_VALUE;
    private ScheduledFuture<?> timer;
    private final ArrayDeque<Runnable> whenEmpty = new ArrayDeque<>(1);
    private boolean held;
    private boolean discarded;

    DelayLine(EventLoop loop, Channel receiver, Listener listener) {
        this.loop = loop;
        this.receiver = receiver;
        this.listener = listener;
    }

    long nanoTime() {
        return loop.ticker().nanoTime();
    }

    /** Bytes queued and not yet delivered. */
    long queuedBytes() {
        return queuedBytes;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Delivery time of the last queued chunk, for callers that plan in sequence (e.g. slices). */
    long lastDeliveryNanos() {
        return lastDeliveryNanos;
    }

    /**
     * Queues {@code chunk}, which arrived at {@code arrivedNanos}, for delivery at {@code deliverAtNanos} (ticker
     * time), or later if an earlier chunk is due later. Takes ownership of the buffer.
     *
     * @return the delivery time actually given to the chunk
     */
    long add(ByteBuf chunk, long arrivedNanos, long deliverAtNanos) {
        if (discarded) {
            listener.discarded(chunk);
            return deliverAtNanos;
        }
        long at = Math.max(deliverAtNanos, lastDeliveryNanos);
        lastDeliveryNanos = at;
        queue.add(new Entry(chunk, arrivedNanos, at));
        queuedBytes += chunk.readableBytes();
        if (queue.size() == 1 && !held) {
            // The new chunk is the head: deliver now if due, else arm the timer for it.
            deliverDue();
        }
        return at;
    }

    /**
     * Runs {@code action} once every queued chunk has been delivered (at once if the line is empty). Used to
     * propagate a close behind the data that preceded it. Pending actions run in the order they were given.
     */
    void whenEmpty(Runnable action) {
        if (queue.isEmpty()) {
            action.run();
        } else {
            whenEmpty.add(action);
        }
    }

    /**
     * Holds delivery (the link is cut) or resumes it (healed). Held chunks keep their order; those whose time has
     * passed go out at once on resume.
     */
    void hold(boolean hold) {
        if (held == hold || discarded) {
            return;
        }
        held = hold;
        if (hold) {
            cancelTimer();
        } else {
            deliverDue();
        }
    }

    boolean isHeld() {
        return held;
    }

    /** Releases every queued chunk, cancels the timer and forgets any pending {@link #whenEmpty} action. */
    void discard() {
        discarded = true;
        cancelTimer();
        whenEmpty.clear();
        for (Entry entry; (entry = queue.poll()) != null; ) {
            listener.discarded(entry.chunk());
        }
        queuedBytes = 0;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void deliverDue() {
        timer = null;
        if (held || discarded) {
            return;
        }
        long now = nanoTime();
        boolean delivered = false;
        for (Entry head; (head = queue.peek()) != null && head.deliverAtNanos() <= now; ) {
            queue.poll();
            queuedBytes -= head.chunk().readableBytes();
            if (receiver.isActive()) {
                listener.deliver(head.chunk(), now - head.arrivedNanos());
            } else {
                listener.discarded(head.chunk());
            }
            delivered = true;
        }
        Entry head = queue.peek();
        if (head != null) {
            // May wake early for a far deadline (see WakeUp); this method then simply sleeps again for the rest.
            timer = loop.schedule(deliverDue, WakeUp.delayNanos(head.deliverAtNanos() - now), TimeUnit.NANOSECONDS);
        } else {
            for (Runnable action; (action = whenEmpty.poll()) != null; ) {
                action.run();
            }
        }
        if (delivered) {
            listener.drained();
        }
    }
}
