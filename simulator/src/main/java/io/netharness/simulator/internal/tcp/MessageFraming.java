package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.Direction;
import io.netharness.simulator.Effect;
import io.netharness.simulator.Framer;
import io.netharness.simulator.Trigger;
import io.netharness.simulator.internal.stats.DirectionCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * One direction of a connection while faults act on its messages: buffers the stream until the {@link Framer} finds
 * a whole message, then lets the message faults decide what happens to it (dropped, delayed, duplicated, held back
 * behind the next one, corrupted, or an effect on the connection opened before, within or after it).
 *
 * <p>Accounting: bytes buffered here are in flight; each message leaves as delivered (through the path), dropped for
 * the fault, or, when the connection ends, dropped for the cause it ended for. Bytes that make no whole message when
 * the sender finishes are passed on as they are.
 *
 * <p>Failures: a framer or predicate that throws, a length below 1, or a message beyond the direction's buffer budget
 * throws {@link IllegalStateException} (with the cause) out of {@link #add}; the connection then fails the link.
 *
 * <p>Threads: the connection's event loop only. Buffers: everything handed to {@link #add} is owned here until it is
 * passed to the {@link Output}, which then owns it.
 */
final class MessageFraming {

    /** Where messages go: the direction's path, which applies its current state (a stopped path drops them). */
    interface Output {
        void pass(ByteBuf message, long extraDelayNanos);

        void dropForFault(ByteBuf message);

        DirectionCounters counters();
    }

    private final Direction direction;
    private final Framer framer;
    private final ConnectionFaults faults;
    private final Output output;
    private final EventLoop loop;
    private final ByteBufAllocator alloc;
    private final long budgetBytes;
    private final Map<AppliedFault, RandomGenerator> randoms = new IdentityHashMap<>();
    private ByteBuf buffer;
    private int knownLength = -1;
    private long count;
    private ByteBuf held;
    private long heldExtraDelay;
    private boolean heldDuplicate;
    private boolean discarded;
    private ScheduledFuture<?> heldTimer;

    MessageFraming(Direction direction, Framer framer, ConnectionFaults faults, Output output, EventLoop loop,
            ByteBufAllocator alloc, long budgetBytes, long framedSoFar) {
        this.direction = direction;
        this.framer = framer;
        this.faults = faults;
        this.output = output;
        this.loop = loop;
        this.alloc = alloc;
        this.budgetBytes = budgetBytes;
        this.count = framedSoFar;
    }

    Framer framer() {
        return framer;
    }

    /** Bytes waiting here (partial message and a held-back one), for back-pressure. */
    long bufferedBytes() {
        return (buffer == null ? 0 : buffer.readableBytes()) + (held == null ? 0 : held.readableBytes());
    }

    /**
     * Takes {@code part} (ownership included) and acts on every message it completes. A message's effect may end the
     * framing (a reset discards it); what is left then waits for {@link #discard}, which the path has called.
     */
    void add(ByteBuf part) {
        if (discarded) {
            output.pass(part, 0); // the path stopped: it drops the part for its own cause
            return;
        }
        if (buffer == null) {
            buffer = alloc.buffer(Math.max(256, part.readableBytes()));
        }
        try {
            buffer.writeBytes(part);
        } finally {
            part.release();
        }
        for (ByteBuf message; !discarded && (message = nextMessage()) != null; ) {
            handle(message);
        }
        if (buffer != null) {
            buffer.discardSomeReadBytes();
        }
    }

    /** The next whole message, or null if the buffer holds none yet. */
    private ByteBuf nextMessage() {
        int readable = buffer.readableBytes();
        if (readable == 0) {
            return null;
        }
        if (knownLength < 0) {
            int length;
            try {
                length = framer.messageLength(buffer.nioBuffer(buffer.readerIndex(), readable).slice()
                        .asReadOnlyBuffer());
            } catch (RuntimeException e) {
                throw failure("failed", e);
            }
            if (length == Framer.NEED_MORE) {
                if (readable >= budgetBytes) {
                    throw failure("found no message boundary in " + readable + " bytes, the direction's buffer",
                            null);
                }
                return null;
            }
            if (length < 1) {
                throw failure("returned a message length of " + length + " (expected: >= 1 or NEED_MORE)", null);
            }
            if (length > budgetBytes) {
                throw failure("found a message of " + length + " bytes, beyond the direction's buffer of "
                        + budgetBytes + " bytes (TcpLink.Builder.bufferBytes)", null);
            }
            knownLength = length;
        }
        if (readable < knownLength) {
            return null;
        }
        ByteBuf message = buffer.readRetainedSlice(knownLength);
        knownLength = -1;
        return message;
    }

    private IllegalStateException failure(String what, Throwable cause) {
        return new IllegalStateException("framer " + framer + " " + what + " on " + direction.name()
                .toLowerCase(java.util.Locale.ROOT) + " message " + (count + 1) + " of connection #"
                + (faults.connectionNumber() - 1) + (cause == null ? "" : ": " + cause), cause);
    }

    private void handle(ByteBuf message) {
        long number = ++count;
        faults.framed(direction, number);
        List<AppliedFault> selected;
        try {
            selected = select(message, number);
        } catch (RuntimeException e) {
            dropFailed(message);
            throw e;
        }
        if (selected.isEmpty()) {
            deliver(message, 0, false);
            return;
        }
        boolean drop = false;
        boolean duplicate = false;
        Effect.Reorder reorder = null;
        long extraDelay = 0;
        List<AppliedFault> afterHead = new ArrayList<>(1);
        List<AppliedFault> after = new ArrayList<>(1);
        for (AppliedFault entry : selected) {
            Effect effect = entry.effect;
            if (effect.scope() == Effect.Scope.CONNECTION) {
                switch (((Trigger.OnMessage) entry.trigger).point()) {
                    case BEFORE -> faults.openAtMessage(entry, direction);
                    case AFTER_HEAD -> afterHead.add(entry);
                    case AFTER -> after.add(entry);
                }
            } else if (effect instanceof Effect.Drop) {
                drop = true;
            } else if (effect instanceof Effect.Delay delay) {
                extraDelay = Math.max(extraDelay, delay.delay().toNanos());
            } else if (effect instanceof Effect.Duplicate) {
                duplicate = true;
            } else if (effect instanceof Effect.Reorder held) {
                reorder = reorder == null ? held : reorder;
            } else if (effect instanceof Effect.Corrupt) {
                corrupt(message, randoms.computeIfAbsent(entry, e -> faults.messageRandom(e, direction)));
            }
        }
        if (drop) {
            output.dropForFault(message);
        } else if (!afterHead.isEmpty()) {
            int head;
            try {
                head = Math.min(message.readableBytes(), Math.max(0, framer.headLength(view(message, number)
                        .bytes())));
            } catch (RuntimeException e) {
                dropFailed(message);
                throw failure("failed to find the head", e);
            }
            output.pass(message.readRetainedSlice(head), extraDelay);
            afterHead.forEach(entry -> faults.openAtMessage(entry, direction));
            deliver(message, extraDelay, false);
        } else if (reorder != null && held == null) {
            hold(message, extraDelay, duplicate, reorder);
        } else {
            deliver(message, extraDelay, duplicate);
        }
        after.forEach(entry -> faults.openAtMessage(entry, direction));
    }

    /** A message the framing could not act on: the connection fails, so it ends with the connection. */
    private void dropFailed(ByteBuf message) {
        output.counters().dropped(message.readableBytes(), io.netharness.simulator.DropCause.CONNECTION_ENDED);
        message.release();
    }

    /** The message faults that act on message {@code number}, in the order they were added. */
    private List<AppliedFault> select(ByteBuf message, long number) {
        List<AppliedFault> selected = new ArrayList<>(1);
        MessageView view = null;
        for (AppliedFault entry : faults.messageFaults(direction)) {
            Trigger.OnMessage trigger = (Trigger.OnMessage) entry.trigger;
            boolean match;
            if (trigger.matching() == null) {
                match = number - entry.messageBase[direction.ordinal()] == trigger.number();
            } else {
                view = view != null ? view : view(message, number);
                try {
                    match = trigger.matching().test(view);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the predicate of " + entry + " failed on " + direction.name()
                            .toLowerCase(java.util.Locale.ROOT) + " message " + number + " of connection #"
                            + (faults.connectionNumber() - 1) + ": " + e, e);
                }
            }
            if (match) {
                selected.add(entry);
            }
        }
        return selected;
    }

    private MessageView view(ByteBuf message, long number) {
        ByteBuffer bytes = message.nioBuffer(message.readerIndex(), message.readableBytes()).slice()
                .asReadOnlyBuffer();
        return new MessageView(number, direction, faults.connectionNumber(), bytes);
    }

    private void corrupt(ByteBuf message, RandomGenerator random) {
        long bit = random.nextLong((long) message.readableBytes() * 8);
        int index = message.readerIndex() + (int) (bit >>> 3);
        message.setByte(index, message.getByte(index) ^ (1 << (bit & 7)));
        output.counters().corrupted();
    }

    /**
     * Passes a message on (twice if {@code duplicate}); a message held back for reordering follows the first one
     * passed after it.
     */
    private void deliver(ByteBuf message, long extraDelay, boolean duplicate) {
        if (duplicate) {
            ByteBuf copy = message.copy();
            output.counters().copied(copy.readableBytes());
            output.pass(message, extraDelay);
            output.pass(copy, extraDelay);
        } else {
            output.pass(message, extraDelay);
        }
        if (held != null) {
            output.counters().reordered();
            releaseHeld();
        }
    }

    private void hold(ByteBuf message, long extraDelay, boolean duplicate, Effect.Reorder reorder) {
        held = message;
        heldExtraDelay = extraDelay;
        heldDuplicate = duplicate;
        heldTimer = loop.schedule(() -> {
            heldTimer = null;
            if (held != null) {
                releaseHeld(); // nothing came to overtake it: it goes where it was
            }
        }, reorder.maxHold().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void releaseHeld() {
        ByteBuf message = held;
        held = null;
        if (heldTimer != null) {
            heldTimer.cancel(false);
            heldTimer = null;
        }
        if (heldDuplicate) {
            ByteBuf copy = message.copy();
            output.counters().copied(copy.readableBytes());
            output.pass(message, heldExtraDelay);
            output.pass(copy, heldExtraDelay);
        } else {
            output.pass(message, heldExtraDelay);
        }
    }

    /** The sender finished: a held-back message goes on, then the bytes that make no whole message, as they are. */
    void flush() {
        if (held != null) {
            releaseHeld();
        }
        if (buffer != null) {
            ByteBuf rest = buffer;
            buffer = null;
            knownLength = -1;
            if (rest.isReadable()) {
                output.pass(rest, 0);
            } else {
                rest.release();
            }
        }
    }

    /** The connection ended (or the direction stopped): everything held here is dropped for {@code cause}. */
    void discard(io.netharness.simulator.DropCause cause) {
        discarded = true;
        if (heldTimer != null) {
            heldTimer.cancel(false);
            heldTimer = null;
        }
        if (held != null) {
            output.counters().dropped(held.readableBytes(), cause);
            held.release();
            held = null;
        }
        if (buffer != null) {
            if (buffer.isReadable()) {
                output.counters().dropped(buffer.readableBytes(), cause);
            }
            buffer.release();
            buffer = null;
        }
        knownLength = -1;
    }
}
