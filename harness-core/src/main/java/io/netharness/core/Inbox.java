package io.netharness.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A named, bounded, thread-safe queue of messages into a component.
 *
 * <p><b>Back-pressure.</b> {@link #offer} never blocks and returns {@code false} when the inbox is full;
 * {@link #put} blocks. Event-loop code must only use {@code offer} and, when it fails, stop producing
 * (a socket component turns Netty's auto-read off) and resume from {@link #whenSpaceAvailable}.
 *
 * <p><b>Tests</b> wait with {@link #take(Duration)}, which throws a {@link TimeoutException} naming this
 * inbox rather than hanging.
 *
 * <p><b>Pass-through.</b> A component that delegates to a child can {@link #passThroughTo pass} its inbox
 * through to the child's: messages then go straight to the child (Kamaelia's passthrough linkage).
 *
 * <p><b>Closing.</b> When its component closes, the inbox is {@link #close(String) closed}: offering or
 * putting then throws {@link IllegalStateException} instead of silently dropping the message.
 *
 * <p>Listener callbacks run on the thread that caused them, outside the lock; they must be quick and must
 * not block, so components hand the work to their own executor.
 *
 * @param <T> the message type
 */
public final class Inbox<T> {

    /** Capacity used when a component is not told otherwise. */
    public static final int DEFAULT_CAPACITY = 256;

    private final String name;
    private final int capacity;
    private final Consumer<? super T> validator;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final List<Runnable> spaceWaiters = new ArrayList<>();
    private volatile Runnable arrivalListener;
    private volatile Inbox<? super T> passThrough;
    private volatile String closedReason;

    /** An inbox holding at most {@code capacity} messages. */
    public Inbox(String name, int capacity) {
        this(name, capacity, message -> { });
    }

    /**
     * An inbox whose {@code validator} checks every message as it is offered, on the offering thread, and
     * throws (for example {@link IllegalArgumentException}) to refuse it; so a bad message fails its sender.
     */
    public Inbox(String name, int capacity, Consumer<? super T> validator) {
        this.name = Objects.requireNonNull(name, "name");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** An inbox without a bound, for low-volume lifecycle messages that must never be refused. */
    public static <T> Inbox<T> unbounded(String name) {
        return new Inbox<>(name, Integer.MAX_VALUE);
    }

    public String name() {
        return name;
    }

    public int capacity() {
        return capacity;
    }

    /** Adds {@code message} if there is room; never blocks. */
    public boolean offer(T message) {
        Objects.requireNonNull(message, "message");
        Inbox<? super T> child = passThrough;
        if (child != null) {
            checkOpen();
            validator.accept(message);
            return child.offer(message);
        }
        checkOpen(); // a closed inbox says so before any complaint about the message
        validator.accept(message);
        Runnable listener;
        lock.lock();
        try {
            checkOpen();
            if (items.size() >= capacity) {
                return false;
            }
            items.addLast(message);
            notEmpty.signal();
            listener = arrivalListener;
        } finally {
            lock.unlock();
        }
        if (listener != null) {
            listener.run();
        }
        return true;
    }

    /** Adds {@code message}, waiting for room; must not be called on an event loop. */
    public void put(T message) throws InterruptedException {
        try {
            put(message, Duration.ofNanos(Long.MAX_VALUE));
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** Adds {@code message}, waiting at most {@code timeout} for room. */
    public void put(T message, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        while (!offer(message)) {
            CountDownLatch space = new CountDownLatch(1);
            whenSpaceAvailable(space::countDown);
            long left = deadline - System.nanoTime();
            if (left <= 0 || !space.await(left, TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("timed out after " + Format.duration(timeout) + " waiting for room in inbox '"
                        + name + "' (capacity " + capacity + ")");
            }
        }
    }

    /** Removes the oldest message, or returns {@code null} at once if there is none. */
    public T poll() {
        T message;
        lock.lock();
        try {
            message = items.pollFirst();
        } finally {
            lock.unlock();
        }
        if (message != null) {
            spaceFreed();
        }
        return message;
    }

    /** Removes the oldest message, waiting at most {@code timeout}; {@code null} if none arrived. */
    public T poll(Duration timeout) throws InterruptedException {
        long left = saturatedNanos(timeout);
        T message;
        lock.lock();
        try {
            while (items.isEmpty()) {
                if (left <= 0) {
                    return null;
                }
                left = notEmpty.awaitNanos(left);
            }
            message = items.pollFirst();
        } finally {
            lock.unlock();
        }
        spaceFreed();
        return message;
    }

    /**
     * Removes the oldest message, waiting at most {@code timeout}.
     *
     * @throws TimeoutException naming this inbox when nothing arrived in time
     */
    public T take(Duration timeout) throws InterruptedException, TimeoutException {
        T message = poll(timeout);
        if (message == null) {
            throw new TimeoutException("timed out after " + Format.duration(timeout) + " waiting for a message on inbox '"
                    + name + "'");
        }
        return message;
    }

    /** Number of queued messages. */
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Whether an {@link #offer} would currently find room (always true while passing through). */
    public boolean hasSpace() {
        Inbox<? super T> child = passThrough;
        if (child != null) {
            return child.hasSpace();
        }
        return size() < capacity;
    }

    /**
     * Runs {@code callback} once, as soon as this inbox has room (at once if it has now). For producers that
     * must not block: they stop, and resume from the callback.
     */
    public void whenSpaceAvailable(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        Inbox<? super T> child = passThrough;
        if (child != null) {
            child.whenSpaceAvailable(callback);
            return;
        }
        lock.lock();
        try {
            if (items.size() >= capacity) {
                spaceWaiters.add(callback);
                return;
            }
        } finally {
            lock.unlock();
        }
        callback.run();
    }

    /**
     * Sets the listener the owning component uses to learn that a message arrived ({@code null} removes it).
     * It runs on the offering thread after every successful offer and must only schedule work.
     */
    public void onArrival(Runnable listener) {
        Runnable toRun;
        lock.lock();
        try {
            arrivalListener = listener;
            toRun = listener != null && !items.isEmpty() ? listener : null;
        } finally {
            lock.unlock();
        }
        if (toRun != null) {
            toRun.run();
        }
    }

    /**
     * Passes this inbox through to {@code child}: queued messages move there (in order), and later ones go
     * straight there. {@code null} ends the pass-through; messages then queue here again.
     */
    public void passThroughTo(Inbox<? super T> child) {
        if (child == this) {
            throw new IllegalArgumentException("inbox '" + name + "' cannot pass through to itself");
        }
        List<T> moved;
        lock.lock();
        try {
            passThrough = child;
            if (child == null) {
                return;
            }
            moved = new ArrayList<>(items);
            items.clear();
        } finally {
            lock.unlock();
        }
        for (T message : moved) {
            if (!child.offer(message)) {
                // The child is full; keep what is left here, in order, rather than drop it.
                lock.lock();
                try {
                    items.addLast(message);
                } finally {
                    lock.unlock();
                }
            }
        }
        spaceFreed();
    }

    /**
     * Refuses every later offer with an {@link IllegalStateException} that gives {@code reason}; queued
     * messages can still be taken. Idempotent.
     */
    public void close(String reason) {
        lock.lock();
        try {
            if (closedReason == null) {
                closedReason = Objects.requireNonNull(reason, "reason");
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        return closedReason != null;
    }

    private void checkOpen() {
        String reason = closedReason;
        if (reason != null) {
            throw new IllegalStateException("inbox '" + name + "' is closed: " + reason);
        }
    }

    private void spaceFreed() {
        List<Runnable> ready;
        lock.lock();
        try {
            if (spaceWaiters.isEmpty()) {
                return;
            }
            ready = new ArrayList<>(spaceWaiters);
            spaceWaiters.clear();
        } finally {
            lock.unlock();
        }
        ready.forEach(Runnable::run);
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "Inbox{" + name + ", " + size() + "/" + capacity + (isClosed() ? ", closed" : "") + "}";
    }
}
