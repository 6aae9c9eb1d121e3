package io.netharness.core.internal;

import io.netharness.core.Outbox;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayDeque;

/**
 * Passes what a channel reads into an outbox with back-pressure: while the outbox is full, later reads are
 * held back in order and auto-read is off, so a slow consumer stops the socket being read instead of
 * growing a queue. Both the TCP bridge and the datagram endpoint read this way. Use on the channel's event
 * loop only. Not API.
 *
 * @param <T> what the outbox carries
 */
final class HeldBackReads<T> {

    private final Outbox<T> outbox;
    private final Runnable onCaughtUp;
    private final ArrayDeque<T> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean waitingForSpace;

    /**
     * @param onCaughtUp runs on the event loop once everything held back has been delivered; it decides
     *     whether to resume reading (the channel may have closed meanwhile)
     */
    HeldBackReads(Outbox<T> outbox, Runnable onCaughtUp) {
        this.outbox = outbox;
        this.onCaughtUp = onCaughtUp;
    }

    /** Call from the handler's {@code handlerAdded}. */
    void attach(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Delivers {@code message} now, or holds it back (after any earlier ones) and stops reading. */
    void deliver(T message) {
        if (!held.isEmpty() || !outbox.offer(message)) {
            held.addLast(message);
            ctx.channel().config().setAutoRead(false);
            awaitSpace();
        }
    }

    /** Whether nothing is held back. */
    boolean isEmpty() {
        return held.isEmpty();
    }

    private void awaitSpace() {
        if (!waitingForSpace) {
            waitingForSpace = true;
            outbox.whenSpaceAvailable(() -> ctx.executor().execute(this::deliverHeldBack));
        }
    }

    private void deliverHeldBack() {
        waitingForSpace = false;
        while (!held.isEmpty() && outbox.offer(held.peekFirst())) {
            held.pollFirst();
        }
        if (!held.isEmpty()) {
            awaitSpace();
        } else {
            onCaughtUp.run();
        }
    }
}
