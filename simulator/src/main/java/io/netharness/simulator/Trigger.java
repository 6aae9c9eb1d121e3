package io.netharness.simulator;

import io.netharness.core.Format;
import io.netharness.simulator.internal.Check;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * When a fault acts: the half of a {@link ConnectionFault} that says <em>when</em>, kept apart from the
 * {@link Effect} that says <em>what</em> (as OkHttp's mockwebserver keeps a socket effect apart from the moment it
 * fires), so that every effect can be given every trigger that makes sense for it.
 *
 * <pre>{@code
 * Trigger.onConnect()                                   // from the start of every connection
 * Trigger.after(Duration.ofMillis(500))                 // 500 ms in, for good
 * Trigger.between(Duration.ofSeconds(1), Duration.ofSeconds(2))
 * Trigger.afterBytes(1024)                              // once 1024 bytes passed in the fault's direction
 * Trigger.onConnection(3)                               // the third connection only
 * Trigger.onMessage(Framer.resp(), 3)                   // the third message (needs a framer)
 * Trigger.onMessage(Framer.lines(), m -> m.text().startsWith("QUIT")).after()
 * Trigger.flapping(Duration.ofMillis(200), Duration.ofMillis(100)).withJitter(Duration.ofMillis(20))
 * Trigger.after(Duration.ofSeconds(1)).thenEvery(Duration.ofSeconds(5)).lasting(Duration.ofMillis(200))
 * }</pre>
 *
 * <h2>Windows</h2>
 * A trigger opens <em>windows</em>: an effect that lasts (a blackhole, a hang, a slicer, a refusal, ...) is in force
 * while a window is open; an instant effect (a reset, a close) acts when a window opens. A window that never closes
 * is the common case ({@link #onConnect()}, {@link #after(Duration)}); {@link Between}, {@link Periodic} close theirs.
 *
 * <h2>Clocks</h2>
 * Times count from when the fault reached the connection (the connection's accept, or the {@code addFault} call if
 * the connection was already open) for effects on connections, and from when the fault was added (the link's start
 * for faults given to its builder) for effects on the link ({@link Effect.Refuse}, {@link Effect.StallAccepts},
 * {@link Effect.Cut}). Bytes and messages count from when the fault reached the connection, in the fault's direction.
 *
 * <h2>Randomness</h2>
 * The only random choice a trigger makes is {@link Periodic#jitter()}, drawn from a generator seeded from the link's
 * seed, the fault's number and (for connection effects) the connection's number: the same seed gives the same
 * windows.
 *
 * <p>Values are immutable; constructors validate, naming the field and its valid range as in
 * {@code after.delay: -1ms (expected: >= 0)}. Which trigger suits which effect is checked by {@link ConnectionFault}.
 */
public sealed interface Trigger permits Trigger.OnConnect, Trigger.After, Trigger.Between, Trigger.AfterBytes,
        Trigger.OnConnection, Trigger.OnMessage, Trigger.Periodic {

    /** From the start: at once for a fault added to open connections, at accept for later ones. */
    static OnConnect onConnect() {
        return new OnConnect();
    }

    /** From {@code delay} on, for good. */
    static After after(Duration delay) {
        return new After(delay);
    }

    /** From {@code from} until {@code until}. */
    static Between between(Duration from, Duration until) {
        return new Between(from, until);
    }

    /** From the start until {@code duration} has passed: {@code between(ZERO, duration)}. */
    static Between during(Duration duration) {
        return new Between(Duration.ZERO, duration);
    }

    /** Once {@code bytes} bytes have passed in the fault's direction (see {@link AfterBytes}). */
    static AfterBytes afterBytes(long bytes) {
        return new AfterBytes(bytes);
    }

    /** The {@code number}th connection (1 is the first the link accepts), from its start. */
    static OnConnection onConnection(long number) {
        return new OnConnection(number, onConnect());
    }

    /** The {@code number}th connection (1 is the first the link accepts), when {@code then} fires in it. */
    static OnConnection onConnection(long number, Trigger then) {
        return new OnConnection(number, then);
    }

    /** The {@code number}th message (1 is the first) that {@code framer} finds in the fault's direction. */
    static OnMessage onMessage(Framer framer, long number) {
        return new OnMessage(framer, number, null, OnMessage.Point.BEFORE);
    }

    /** Every message that {@code framer} finds in the fault's direction and {@code matching} accepts. */
    static OnMessage onMessage(Framer framer, Predicate<Message> matching) {
        return new OnMessage(framer, 0, Objects.requireNonNull(matching, "onMessage.matching"), OnMessage.Point.BEFORE);
    }

    /** Up for {@code up}, then down (the effect in force) for {@code down}, over and over, starting up. */
    static Periodic flapping(Duration up, Duration down) {
        Check.nonNegative("flapping.up", up);
        Check.nonNegative("flapping.down", down);
        if (up.isZero()) {
            throw new IllegalArgumentException("flapping.up: 0ms (expected: > 0)");
        }
        if (down.isZero()) {
            throw new IllegalArgumentException("flapping.down: 0ms (expected: > 0)");
        }
        return new Periodic(up, up.plus(down), down, Duration.ZERO);
    }

    /** The window that opens on connect and never closes. */
    record OnConnect() implements Trigger {
        @Override
        public String toString() {
            return "on connect";
        }
    }

    /**
     * The window that opens {@code delay} after the start and never closes.
     *
     * @param delay time from the start (see the class documentation's clocks); zero opens at once
     */
    record After(Duration delay) implements Trigger {
        public After {
            Check.nonNegative("after.delay", delay);
        }

        /** Closes the window {@code duration} after it opened: {@code between(delay, delay + duration)}. */
        public Between lasting(Duration duration) {
            Check.nonNegative("lasting", duration);
            return new Between(delay, delay.plus(duration));
        }

        /** Opens a window at {@code delay}, then every {@code every}: instants unless given a {@code lasting}. */
        public Periodic thenEvery(Duration every) {
            return new Periodic(delay, every, Duration.ZERO, Duration.ZERO);
        }

        @Override
        public String toString() {
            return "after " + Format.duration(delay);
        }
    }

    /**
     * The window from {@code from} until {@code until}.
     *
     * @param from  when it opens, from the start
     * @param until when it closes, from the start; after {@code from}
     */
    record Between(Duration from, Duration until) implements Trigger {
        public Between {
            Check.nonNegative("between.from", from);
            Check.nonNegative("between.until", until);
            if (until.compareTo(from) <= 0) {
                throw new IllegalArgumentException("between.until: " + Format.duration(until) + " (expected: > from, "
                        + Format.duration(from) + ")");
            }
        }

        @Override
        public String toString() {
            return "between " + Format.duration(from) + " and " + Format.duration(until);
        }
    }

    /**
     * The window that opens at the chunk that brings the bytes passed in the fault's direction to {@code bytes}:
     * the first {@code bytes} bytes pass untouched, the effect acts from there on (within that chunk too). Zero opens
     * it at the first chunk (not before: an idle connection is not affected). A close at this trigger is Toxiproxy's
     * {@code limit_data}.
     *
     * @param bytes bytes that pass before the effect, counted from when the fault reached the connection
     */
    record AfterBytes(long bytes) implements Trigger {
        public AfterBytes {
            if (bytes < 0) {
                throw new IllegalArgumentException("afterBytes.bytes: " + bytes + " (expected: >= 0)");
            }
        }

        @Override
        public String toString() {
            return "after " + bytes + " bytes";
        }
    }

    /**
     * Restricts {@code then} to one connection: the {@code number}th the link accepts (1 is the first), whenever it
     * was accepted. Other connections are not affected at all.
     *
     * @param number the connection's place in accept order, at least 1
     * @param then   when the effect acts within that connection; not another {@code OnConnection}
     */
    record OnConnection(long number, Trigger then) implements Trigger {
        public OnConnection {
            if (number < 1) {
                throw new IllegalArgumentException("onConnection.number: " + number + " (expected: >= 1)");
            }
            Objects.requireNonNull(then, "onConnection.then");
            if (then instanceof OnConnection) {
                throw new IllegalArgumentException("onConnection.then: " + then + " (expected: a trigger within one"
                        + " connection, not another onConnection)");
            }
        }

        @Override
        public String toString() {
            return "on connection " + number + (then instanceof OnConnect ? "" : ", " + then);
        }
    }

    /**
     * Messages of the stream, as {@code framer} cuts the bytes of the fault's direction into messages: the
     * {@code number}th one, or every one {@code matching} accepts. An effect on messages ({@link Effect.Drop},
     * {@link Effect.Delay}, ...) acts on each such message; an effect on the connection acts at the {@link Point} of
     * the first one (before it, after its head, or after it), so "reset after the third reply" is
     * {@code Trigger.onMessage(Framer.resp(), 3).after()} with {@link Effect#resetPeer()}.
     *
     * <p>While such a fault is in force in a direction, the link forwards that direction message by message: the
     * bytes of a message wait in the link until it is complete (what the framer needs to decide). All message faults
     * of a direction must use equal framers. Framing starts with the first byte read after the fault reached the
     * connection, so add message faults before the connection carries traffic (or between messages).
     *
     * @param framer   how the stream is cut into messages
     * @param number   the message's place (1 is the first) counted from when the fault reached the connection, or
     *                 0 to select by {@code matching}
     * @param matching which messages to act on, or null to select by {@code number}; it runs on the link's event
     *                 loop and must not block; if it throws, the connection is reset and the link's {@code close()}
     *                 throws what it threw
     * @param point    where an effect on the connection acts: before the message, after its head, or after it
     */
    record OnMessage(Framer framer, long number, Predicate<Message> matching, Point point) implements Trigger {

        /** Where in a selected message an effect on the connection acts. */
        public enum Point {
            /** Before the message: it is the first part of the stream the effect acts on (a reset: it never arrives). */
            BEFORE,
            /** After the message's head ({@link Framer#headLength}, e.g. an HTTP message's header block). */
            AFTER_HEAD,
            /** After the message: it arrives whole, the effect acts on what follows. */
            AFTER
        }

        public OnMessage {
            Objects.requireNonNull(framer, "onMessage.framer");
            Objects.requireNonNull(point, "onMessage.point");
            if (matching == null && number < 1) {
                throw new IllegalArgumentException("onMessage.number: " + number + " (expected: >= 1)");
            }
            if (matching != null && number != 0) {
                throw new IllegalArgumentException("onMessage.number: " + number
                        + " (expected: 0 when selecting by a predicate)");
            }
        }

        /** The same messages; an effect on the connection acts after each selected message instead of before. */
        public OnMessage after() {
            return new OnMessage(framer, number, matching, Point.AFTER);
        }

        /** The same messages; an effect on the connection acts after the selected message's head. */
        public OnMessage afterHead() {
            return new OnMessage(framer, number, matching, Point.AFTER_HEAD);
        }

        @Override
        public String toString() {
            String which = matching == null ? "message " + number : "messages matching " + matching;
            return switch (point) {
                case BEFORE -> "on " + which + " (" + framer + ")";
                case AFTER_HEAD -> "after the head of " + which + " (" + framer + ")";
                case AFTER -> "after " + which + " (" + framer + ")";
            };
        }
    }

    /**
     * Windows that repeat: the first opens at {@code first}, then one every {@code every}, each open for
     * {@code lasting} ({@link Duration#ZERO}: an instant, for instant effects such as a reset). With a {@code jitter},
     * the length of each window and of each gap between windows is drawn uniformly from its nominal length
     * {@code ± jitter} by a seeded generator. {@link Trigger#flapping(Duration, Duration)} is the usual way to make one.
     *
     * @param first   when the first window opens, from the start
     * @param every   period from one window's opening to the next; greater than zero and than {@code lasting}
     * @param lasting how long each window stays open; zero for instants
     * @param jitter  largest random deviation of each window and gap; below both
     */
    record Periodic(Duration first, Duration every, Duration lasting, Duration jitter) implements Trigger {
        public Periodic {
            Check.nonNegative("periodic.first", first);
            Check.nonNegative("periodic.every", every);
            Check.nonNegative("periodic.lasting", lasting);
            Check.nonNegative("periodic.jitter", jitter);
            if (every.isZero()) {
                throw new IllegalArgumentException("periodic.every: 0ms (expected: > 0)");
            }
            if (lasting.compareTo(every) >= 0) {
                throw new IllegalArgumentException("periodic.lasting: " + Format.duration(lasting) + " (expected: < every, "
                        + Format.duration(every) + ")");
            }
            Duration gap = every.minus(lasting);
            Duration limit = lasting.isZero() || gap.compareTo(lasting) < 0 ? gap : lasting;
            if (!jitter.isZero() && jitter.compareTo(limit) >= 0) {
                throw new IllegalArgumentException("periodic.jitter: " + Format.duration(jitter) + " (expected: < "
                        + Format.duration(limit) + ", below the windows' and the gaps' length)");
            }
        }

        /** The same windows, each open for {@code duration}. */
        public Periodic lasting(Duration duration) {
            return new Periodic(first, every, duration, jitter);
        }

        /** The same windows with their lengths and gaps varied by up to {@code jitter}, drawn from the seed. */
        public Periodic withJitter(Duration jitter) {
            return new Periodic(first, every, lasting, jitter);
        }

        @Override
        public String toString() {
            return "from " + Format.duration(first) + " every " + Format.duration(every)
                    + (lasting.isZero() ? "" : " for " + Format.duration(lasting))
                    + (jitter.isZero() ? "" : " ± " + Format.duration(jitter));
        }
    }
}
