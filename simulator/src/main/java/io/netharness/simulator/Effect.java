package io.netharness.simulator;

import io.netharness.core.Format;
import io.netharness.simulator.internal.Check;
import io.netharness.simulator.profile.LinkProfile;
import java.time.Duration;
import java.util.Objects;

/**
 * What a fault does: the half of a {@link ConnectionFault} that says <em>what</em>, kept apart from the
 * {@link Trigger} that says <em>when</em>. Immutable values; constructors validate, naming the field and its range.
 *
 * <p>Effects act at one of three {@linkplain Scope scopes}:
 * <ul>
 *   <li><b>a connection's direction</b>: {@link Blackhole}, {@link Hang}, {@link ResetPeer}, {@link Close},
 *       {@link SlowClose}, {@link Slicer}, {@link ProfileChange}, {@link Timeout} and Toxiproxy's own
 *       {@link ToxiproxyTimeout}, {@link ToxiproxyResetPeer}. Added with a direction they act on that direction's
 *       data (or its receiving peer); added without one, on both.</li>
 *   <li><b>whole messages</b> of a connection's direction, as a {@link Framer} cuts the stream: {@link Drop},
 *       {@link Delay}, {@link Duplicate}, {@link Reorder}, {@link Corrupt}. They need a {@link Trigger.OnMessage}.</li>
 *   <li><b>the link</b>, at connection set-up or for every connection at once: {@link Refuse}, {@link StallAccepts},
 *       {@link Cut}. They take no direction, and a trigger of time ({@link Trigger#onConnect()}, after, between,
 *       periodic).</li>
 * </ul>
 * Most effects last while their trigger's window is open; {@link ResetPeer} and {@link Close} are instants that act
 * when a window opens.
 *
 * <p><b>TCP stays ordered.</b> No effect reorders bytes within a message or a stream: {@link Reorder} swaps two whole
 * messages, {@link Delay} holds a message and everything behind it, and {@link Drop} removes a whole message from the
 * stream, as a proxy or server that lost it would: the receiver gets the bytes before and after it, intact and in
 * order, and never the dropped ones (TCP itself would have retransmitted them: this is an application's loss, not
 * the network's). A client waiting for a dropped reply waits until its own timeout; one that pipelines requests may
 * take the next reply for the lost one.
 */
public sealed interface Effect permits Effect.Blackhole, Effect.Hang, Effect.ResetPeer, Effect.Close,
        Effect.SlowClose, Effect.Slicer, Effect.ProfileChange, Effect.Timeout, Effect.ToxiproxyTimeout,
        Effect.ToxiproxyResetPeer, Effect.Drop, Effect.Delay, Effect.Duplicate, Effect.Reorder, Effect.Corrupt,
        Effect.Refuse, Effect.StallAccepts, Effect.Cut {

    /** Where an effect acts. */
    enum Scope {
        /** One direction (or both) of each affected connection. */
        CONNECTION,
        /** Each selected message of a connection's direction. */
        MESSAGE,
        /** The link itself: its listening socket, or all its connections at once. */
        LINK
    }

    /** Where this effect acts: on each connection unless the effect says otherwise. */
    default Scope scope() {
        return Scope.CONNECTION;
    }

    /** True for effects that act once, when their trigger's window opens, rather than while it is open. */
    default boolean isInstant() {
        return false;
    }

    /** Data is read from the sender and discarded; nothing reaches the receiver, not even the sender's close. */
    static Blackhole blackhole() {
        return new Blackhole();
    }

    /** Nothing is delivered and nothing more is read from the sender; the connection stays open. */
    static Hang hang() {
        return new Hang();
    }

    /** The receiver of the direction gets a TCP reset, the other peer a normal close. */
    static ResetPeer resetPeer() {
        return new ResetPeer();
    }

    /** The connection is closed normally (FIN) once what was read before the trigger is delivered. */
    static Close close() {
        return new Close();
    }

    /** A close by the sender reaches the receiver {@code delay} later. */
    static SlowClose slowClose(Duration delay) {
        return new SlowClose(delay);
    }

    /** Data is delivered in slices of about {@code averageBytes} bytes, {@code delay} apart. */
    static Slicer slicer(int averageBytes, int sizeVariationBytes, Duration delay) {
        return new Slicer(averageBytes, sizeVariationBytes, delay);
    }

    /** The direction is shaped by {@code profile} instead of the link's profile. */
    static ProfileChange profile(LinkProfile profile) {
        return new ProfileChange(profile);
    }

    /** Data is discarded and the connection closed {@code closeAfter} later ({@link Duration#ZERO}: never). */
    static Timeout timeout(Duration closeAfter) {
        return new Timeout(closeAfter);
    }

    /** Toxiproxy's {@code timeout} toxic as Toxiproxy runs it (an idle timer; a close on removal). */
    static ToxiproxyTimeout toxiproxyTimeout(Duration timeout) {
        return new ToxiproxyTimeout(timeout);
    }

    /** Toxiproxy's {@code reset_peer} toxic as Toxiproxy runs it (timed from the first data). */
    static ToxiproxyResetPeer toxiproxyResetPeer(Duration timeout) {
        return new ToxiproxyResetPeer(timeout);
    }

    /** The selected message never arrives. */
    static Drop drop() {
        return new Drop();
    }

    /** The selected message (and, as TCP is ordered, what follows it) arrives {@code delay} later. */
    static Delay delay(Duration delay) {
        return new Delay(delay);
    }

    /** The selected message arrives twice in a row. */
    static Duplicate duplicate() {
        return new Duplicate();
    }

    /** The selected message is held back until the next one has passed, for at most 50 ms. */
    static Reorder reorder() {
        return new Reorder(Reorder.DEFAULT_MAX_HOLD);
    }

    /** The selected message is held back until the next one has passed, for at most {@code maxHold}. */
    static Reorder reorder(Duration maxHold) {
        return new Reorder(maxHold);
    }

    /** One bit of the selected message, chosen by the seed, is flipped. */
    static Corrupt corrupt() {
        return new Corrupt();
    }

    /** New connections are refused: the client's {@code connect()} fails with "Connection refused". */
    static Refuse refuse() {
        return new Refuse();
    }

    /** Connection attempts go unanswered: the client's {@code connect()} waits. */
    static StallAccepts stallAccepts() {
        return new StallAccepts();
    }

    /** The link is cut as by {@link InProcessLink#cut(CutMode)}, and healed when the window closes. */
    static Cut cut(CutMode mode) {
        return new Cut(mode);
    }

    /**
     * Data is read from the sender and silently discarded (counted as dropped for {@link DropCause#FAULT}); nothing
     * reaches the receiver while in force. The sender's FIN, close or reset is held too (in TCP it comes after the
     * data that is never delivered) and passed on once the blackhole ends; data that arrived before it keeps its
     * course. Toxiproxy has no exact twin; its {@code timeout} toxic with timeout 0 behaves alike.
     */
    record Blackhole() implements Effect {
        @Override
        public String toString() {
            return "blackhole";
        }
    }

    /**
     * The direction stops: what the link holds is not delivered, and nothing more is read from the sender, whose
     * socket buffers then fill as on a path that went dead; the connection stays open and nothing is lost. When the
     * hang ends, the held data is delivered in order and reading resumes. Added without a direction from the start
     * ({@link ConnectionFault#acceptThenHang()}), a connection is accepted and then nothing crosses it. If the
     * connection ends while hanging, what the link held counts as dropped because the connection ended.
     */
    record Hang() implements Effect {
        @Override
        public String toString() {
            return "hang";
        }
    }

    /**
     * The connection is torn down: the receiving peer of the direction gets a TCP RST (its socket closed with
     * {@code SO_LINGER 0}, so it reads "Connection reset"), the other peer a normal close; without a direction both
     * get a reset. At a trigger of time, data the link still holds is discarded; at a point of the stream (after N
     * bytes, at a message) the data before that point is delivered first, and nothing after it.
     */
    record ResetPeer() implements Effect {
        @Override
        public boolean isInstant() {
            return true;
        }

        @Override
        public String toString() {
            return "resetPeer";
        }
    }

    /**
     * The connection is closed normally: once the data the direction held when the trigger fired has been
     * delivered, both peers get a FIN; nothing read in the direction after the trigger is delivered (it counts as
     * dropped for {@link DropCause#FAULT}). At {@link Trigger#afterBytes(long)} this is Toxiproxy's {@code limit_data}.
     */
    record Close() implements Effect {
        @Override
        public boolean isInstant() {
            return true;
        }

        @Override
        public String toString() {
            return "close";
        }
    }

    /**
     * When the sender of the direction closes its side (FIN), the link delivers what it holds and then waits
     * {@code delay} before closing towards the receiver. Toxiproxy's {@code slow_close}.
     *
     * @param delay extra time before the close is propagated
     */
    record SlowClose(Duration delay) implements Effect {
        public SlowClose {
            Check.nonNegative("slowClose.delay", delay);
        }

        @Override
        public String toString() {
            return "slowClose " + Format.duration(delay);
        }
    }

    /**
     * Splits the data into slices delivered as separate writes, {@code delay} apart. Slice sizes are drawn from
     * {@code averageBytes ± sizeVariationBytes} by the connection's seeded generator. Toxiproxy's {@code slicer}.
     *
     * @param averageBytes       mean slice size in bytes, at least 1
     * @param sizeVariationBytes maximum deviation from the mean, from 0 to {@code averageBytes - 1}
     * @param delay              time between consecutive slices of one chunk; zero writes them back to back
     */
    record Slicer(int averageBytes, int sizeVariationBytes, Duration delay) implements Effect {
        public Slicer {
            if (averageBytes < 1) {
                throw new IllegalArgumentException("slicer.averageBytes: " + averageBytes + " (expected: >= 1)");
            }
            if (sizeVariationBytes < 0 || sizeVariationBytes >= averageBytes) {
                throw new IllegalArgumentException("slicer.sizeVariationBytes: " + sizeVariationBytes
                        + " (expected: 0-" + (averageBytes - 1) + ")");
            }
            Check.nonNegative("slicer.delay", delay);
        }

        @Override
        public String toString() {
            return "slicer " + averageBytes + "±" + sizeVariationBytes + " B every " + Format.duration(delay);
        }
    }

    /**
     * The direction of the affected connection is shaped by {@code profile} instead of the link's profile (latency,
     * bandwidth of its own, loss shown as stalls, corruption), from the next chunk on; when the window closes the
     * link's profile applies again. Data already held keeps its timing.
     *
     * @param profile the profile in force during the window
     */
    record ProfileChange(LinkProfile profile) implements Effect {
        public ProfileChange {
            Objects.requireNonNull(profile, "profile");
        }

        @Override
        public String toString() {
            return "profile " + profile;
        }
    }

    /**
     * Stops all data in the direction (it is read and discarded) and closes the connection {@code closeAfter} after
     * the window opened; with {@link Duration#ZERO} the connection is never closed by the effect. Modelled on
     * Toxiproxy's {@code timeout}, but with the fixed deadline a Java test expects; {@link ToxiproxyTimeout} is
     * Toxiproxy's exact behaviour.
     *
     * @param closeAfter time from the window's opening to the close; zero means never
     */
    record Timeout(Duration closeAfter) implements Effect {
        public Timeout {
            Check.nonNegative("timeout.after", closeAfter);
        }

        @Override
        public String toString() {
            return "timeout " + Format.duration(closeAfter);
        }
    }

    /**
     * Toxiproxy's {@code timeout} toxic with Toxiproxy's own semantics, for code that must behave exactly as a
     * Toxiproxy server does (NetHarness's Toxiproxy-compatible server uses it); only with
     * {@link Trigger#onConnect()}. It differs from {@link Timeout} in two ways a client notices:
     * <ul>
     *   <li>its timer restarts whenever data arrives in the direction (and is swallowed): a sender that keeps
     *       talking keeps the connection open, so it is an idle timeout, not a deadline;</li>
     *   <li>removing the fault closes every connection open at that moment (normally, with FIN), whether its
     *       toxicity picked them or not: Toxiproxy's toxic closes its stage of each connection's chain on removal.</li>
     * </ul>
     *
     * @param timeout quiet time after which the connection is closed, counted from the fault reaching the
     *                connection or from the last data that arrived; zero means never
     */
    record ToxiproxyTimeout(Duration timeout) implements Effect {
        public ToxiproxyTimeout {
            Check.nonNegative("toxiproxyTimeout.timeout", timeout);
        }

        @Override
        public String toString() {
            return "toxiproxyTimeout " + Format.duration(timeout);
        }
    }

    /**
     * Toxiproxy's {@code reset_peer} toxic with Toxiproxy's own semantics, for code that must behave exactly as a
     * Toxiproxy server does; only with {@link Trigger#onConnect()}. A Java test usually wants {@link ResetPeer}
     * after a time; this one:
     * <ul>
     *   <li>starts its timer at the first data (or end of stream) that arrives in the direction once it is in force:
     *       an idle connection is never reset;</li>
     *   <li>swallows that data and everything after it in the direction;</li>
     *   <li>when the timer fires, closes the connection; a connection that opened while such a fault was
     *       registered on the link (in either direction, whether or not its toxicity picked the connection) has
     *       {@code SO_LINGER 0} on both sockets, as Toxiproxy sets it, so that close, and any other close of that
     *       connection (a limit, a peer's close), reaches <em>both</em> peers as a TCP reset. On a connection that
     *       was already open when the fault was added, the reset arrives as a normal close.</li>
     * </ul>
     *
     * @param timeout time from the first data to the reset; zero resets at the first data
     */
    record ToxiproxyResetPeer(Duration timeout) implements Effect {
        public ToxiproxyResetPeer {
            Check.nonNegative("toxiproxyResetPeer.timeout", timeout);
        }

        @Override
        public String toString() {
            return "toxiproxyResetPeer " + Format.duration(timeout);
        }
    }

    /**
     * The selected message is removed from the stream (its bytes count as dropped for {@link DropCause#FAULT});
     * what comes before and after it arrives intact and in order. See the class documentation for what that means
     * on a TCP stream.
     */
    record Drop() implements Effect {
        @Override
        public Scope scope() {
            return Scope.MESSAGE;
        }

        @Override
        public String toString() {
            return "drop";
        }
    }

    /**
     * The selected message is delivered {@code delay} later than the profile would deliver it; as TCP is ordered,
     * everything behind it waits too.
     *
     * @param delay extra time before the message is delivered
     */
    record Delay(Duration delay) implements Effect {
        public Delay {
            Check.nonNegative("delay.delay", delay);
        }

        @Override
        public Scope scope() {
            return Scope.MESSAGE;
        }

        @Override
        public String toString() {
            return "delay " + Format.duration(delay);
        }
    }

    /** The selected message is delivered twice, the copy right after it (the copy counts as duplicated). */
    record Duplicate() implements Effect {
        @Override
        public Scope scope() {
            return Scope.MESSAGE;
        }

        @Override
        public String toString() {
            return "duplicate";
        }
    }

    /**
     * The selected message is held back and delivered right after the next message, so the two arrive swapped (as
     * from a server that answers out of order); if no message follows within {@code maxHold}, or the stream ends,
     * it is delivered where it was. Bytes within a message never change order.
     *
     * @param maxHold longest time the message waits for a successor; greater than zero
     */
    record Reorder(Duration maxHold) implements Effect {
        static final Duration DEFAULT_MAX_HOLD = Duration.ofMillis(50);

        public Reorder {
            Check.nonNegative("reorder.maxHold", maxHold);
            if (maxHold.isZero()) {
                throw new IllegalArgumentException("reorder.maxHold: 0ms (expected: > 0)");
            }
        }

        @Override
        public Scope scope() {
            return Scope.MESSAGE;
        }

        @Override
        public String toString() {
            return "reorder (hold at most " + Format.duration(maxHold) + ")";
        }
    }

    /** One bit of the selected message is flipped, at a place drawn from the connection's seed (counted corrupted). */
    record Corrupt() implements Effect {
        @Override
        public Scope scope() {
            return Scope.MESSAGE;
        }

        @Override
        public String toString() {
            return "corrupt";
        }
    }

    /**
     * While in force, the link does not listen: a client's {@code connect()} fails at once with
     * {@code ConnectException: Connection refused}, as against a port where no server runs (a connection that had
     * completed its handshake but was not yet accepted when the refusal began is reset). The link keeps its port
     * bound meanwhile (without listening), so no bind to port 0 or outgoing connection takes it, and listens again on
     * the same address when the window closes. Connections already open are not touched.
     */
    record Refuse() implements Effect {
        @Override
        public Scope scope() {
            return Scope.LINK;
        }

        @Override
        public String toString() {
            return "refuse";
        }
    }

    /**
     * While in force, the link answers no connection attempt: the kernel drops the client's SYN (the link keeps its
     * accept queue full), so the client's {@code connect()} waits, and fails with its own connect timeout if that
     * comes first. When the window closes the link accepts again, and a waiting client connects at its next SYN
     * retransmission: Linux sends one a second after the last (since kernel 6.5 for the first four,
     * {@code net.ipv4.tcp_syn_linear_timeouts}; then, and on older kernels throughout, at doubling intervals), so a
     * client sees the stall rounded up to that schedule (a 1.5 s stall: connected 2.0 s after its first SYN, here).
     * Needs the epoll transport (Linux); connections already open are not touched.
     * {@link ConnectionFault#acceptDelay(Duration)} is the usual way to use it.
     */
    record StallAccepts() implements Effect {
        @Override
        public Scope scope() {
            return Scope.LINK;
        }

        @Override
        public String toString() {
            return "stallAccepts";
        }
    }

    /**
     * While in force, the link is cut as by {@link InProcessLink#cut(CutMode)} with {@code mode} (new connections
     * reset at once, open ones held or reset); when the window closes it is healed. A cut made by a fault and one
     * made by {@code cut()} are separate: {@code heal()} does not end the fault's, nor the fault's end the caller's.
     *
     * @param mode what happens to connections open when the window opens
     */
    record Cut(CutMode mode) implements Effect {
        public Cut {
            Objects.requireNonNull(mode, "cut.mode");
        }

        @Override
        public Scope scope() {
            return Scope.LINK;
        }

        @Override
        public String toString() {
            return "cut " + mode;
        }
    }
}
