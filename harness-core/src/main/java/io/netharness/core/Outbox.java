package io.netharness.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * A named outlet through which a component emits messages.
 *
 * <p>An outbox delivers to one destination: an {@link Inbox} it is {@link #linkTo(Inbox) linked} to, or
 * the outbox of an enclosing component it {@link #linkTo(Outbox) passes through} (Kamaelia's passthrough
 * linkage), or, while unlinked, a queue of its own that a test reads with {@link #take(Duration)}. Link
 * before the component starts; relinking is allowed and takes effect for the next message.
 *
 * <p>The same back-pressure rules as {@link Inbox} apply: {@link #offer} never blocks and returns
 * {@code false} when the destination is full, and {@link #whenSpaceAvailable} says when to resume.
 *
 * @param <T> the message type
 */
public final class Outbox<T> {

    private final String name;
    private final Inbox<T> unlinked;
    private volatile Inbox<? super T> linkedInbox;
    private volatile Outbox<? super T> linkedOutbox;

    /** An outbox whose own queue (used while unlinked) holds at most {@code capacity} messages. */
    public Outbox(String name, int capacity) {
        this.name = Objects.requireNonNull(name, "name");
        this.unlinked = new Inbox<>(name, capacity);
    }

    /** An outbox whose own queue has no bound, for low-volume lifecycle messages. */
    public static <T> Outbox<T> unbounded(String name) {
        return new Outbox<>(name, Integer.MAX_VALUE);
    }

    public String name() {
        return name;
    }

    /**
     * Delivers every later message to {@code inbox}. Messages already queued here move there first.
     *
     * @return this outbox
     */
    public Outbox<T> linkTo(Inbox<? super T> inbox) {
        Objects.requireNonNull(inbox, "inbox");
        linkedOutbox = null;
        linkedInbox = inbox;
        unlinked.passThroughTo(inbox);
        return this;
    }

    /**
     * Delivers every later message wherever {@code outer} delivers, as the outbox of an enclosing component.
     *
     * @return this outbox
     */
    public Outbox<T> linkTo(Outbox<? super T> outer) {
        Objects.requireNonNull(outer, "outer");
        if (outer.reaches(this)) {
            throw new IllegalArgumentException("linking outbox '" + name + "' to '" + outer.name
                    + "' would make a cycle");
        }
        linkedInbox = null;
        linkedOutbox = outer;
        moveQueuedTo(outer);
        return this;
    }

    /** Undoes a link; later messages queue here again. */
    public void unlink() {
        linkedInbox = null;
        linkedOutbox = null;
        unlinked.passThroughTo(null);
    }

    public boolean isLinked() {
        return linkedInbox != null || linkedOutbox != null;
    }

    /**
     * Whether the destination this outbox delivers to has closed, so that {@link #offer} would throw: for example
     * the inbox of a connection whose peer has gone.
     */
    public boolean isDestinationClosed() {
        Outbox<? super T> outer = linkedOutbox;
        if (outer != null) {
            return outer.isDestinationClosed();
        }
        Inbox<? super T> inbox = linkedInbox;
        return inbox != null && inbox.isClosed();
    }

    /** Emits {@code message} if the destination has room; never blocks. */
    public boolean offer(T message) {
        Outbox<? super T> outer = linkedOutbox;
        if (outer != null) {
            return outer.offer(message);
        }
        Inbox<? super T> inbox = linkedInbox;
        return inbox != null ? inbox.offer(message) : unlinked.offer(message);
    }

    /** Emits {@code message}, waiting for room; must not be called on an event loop. */
    public void put(T message) throws InterruptedException {
        Outbox<? super T> outer = linkedOutbox;
        if (outer != null) {
            outer.put(message);
            return;
        }
        Inbox<? super T> inbox = linkedInbox;
        if (inbox != null) {
            inbox.put(message);
        } else {
            unlinked.put(message);
        }
    }

    /** Whether an {@link #offer} would currently find room. */
    public boolean hasSpace() {
        Outbox<? super T> outer = linkedOutbox;
        if (outer != null) {
            return outer.hasSpace();
        }
        Inbox<? super T> inbox = linkedInbox;
        return inbox != null ? inbox.hasSpace() : unlinked.hasSpace();
    }

    /** Runs {@code callback} once, as soon as the destination has room (at once if it has now). */
    public void whenSpaceAvailable(Runnable callback) {
        Outbox<? super T> outer = linkedOutbox;
        if (outer != null) {
            outer.whenSpaceAvailable(callback);
            return;
        }
        Inbox<? super T> inbox = linkedInbox;
        if (inbox != null) {
            inbox.whenSpaceAvailable(callback);
        } else {
            unlinked.whenSpaceAvailable(callback);
        }
    }

    /**
     * Removes the oldest message emitted while unlinked, waiting at most {@code timeout}.
     *
     * @throws TimeoutException naming this outbox when nothing was emitted in time
     * @throws IllegalStateException if this outbox is linked (read the destination instead)
     */
    public T take(Duration timeout) throws InterruptedException, TimeoutException {
        checkUnlinked();
        return unlinked.take(timeout);
    }

    /** Removes the oldest message emitted while unlinked, waiting at most {@code timeout}; else {@code null}. */
    public T poll(Duration timeout) throws InterruptedException {
        checkUnlinked();
        return unlinked.poll(timeout);
    }

    /** Removes the oldest message emitted while unlinked, or {@code null}. */
    public T poll() {
        checkUnlinked();
        return unlinked.poll();
    }

    /** Number of messages waiting here while unlinked. */
    public int size() {
        return unlinked.size();
    }

    private boolean reaches(Outbox<?> other) {
        for (Outbox<?> box = this; box != null; box = box.linkedOutbox) {
            if (box == other) {
                return true;
            }
        }
        return false;
    }

    private void moveQueuedTo(Outbox<? super T> outer) {
        unlinked.passThroughTo(null);
        T message;
        while ((message = unlinked.poll()) != null) {
            if (!outer.offer(message)) {
                throw new IllegalStateException("outbox '" + outer.name + "' is full; link outbox '" + name
                        + "' before its component starts");
            }
        }
    }

    private void checkUnlinked() {
        if (isLinked()) {
            throw new IllegalStateException("outbox '" + name + "' is linked; read from what it is linked to");
        }
    }

    @Override
    public String toString() {
        Outbox<? super T> outer = linkedOutbox;
        Inbox<? super T> inbox = linkedInbox;
        String target = outer != null ? "-> outbox '" + outer.name + "'"
                : inbox != null ? "-> inbox '" + inbox.name() + "'" : unlinked.size() + " queued";
        return "Outbox{" + name + ", " + target + "}";
    }
}
