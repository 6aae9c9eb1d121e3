package io.netharness.simulator;

import io.netharness.simulator.internal.Check;
import io.netharness.simulator.internal.FaultRules;
import java.time.Duration;
import java.util.Objects;

/**
 * A fault of a {@link TcpLink}: a {@link Trigger} (when) composed with an {@link Effect} (what), in the manner of
 * Toxiproxy's "toxics" but able to say what a static toxic cannot: pass traffic for a while and then cut, flap up and
 * down, refuse or stall connections, act on the Nth message or one that matches.
 *
 * <pre>{@code
 * link.addFault(Direction.DOWNSTREAM, ConnectionFault.of(Trigger.after(Duration.ofMillis(500)), Effect.resetPeer()));
 * link.addFault(ConnectionFault.of(Trigger.flapping(Duration.ofMillis(200), Duration.ofMillis(100)),
 *         Effect.cut(CutMode.DROP_EXISTING)));
 * link.addFault(ConnectionFault.refuse());
 * link.addFault(Direction.DOWNSTREAM, ConnectionFault.of(Trigger.onMessage(Framer.resp(), 3), Effect.drop()));
 * }</pre>
 *
 * <p><em>Where</em> it acts is a separate argument: {@link TcpLink#addFault(Direction, ConnectionFault)} names the
 * direction whose data (or whose receiving peer) an effect on connections acts on, {@link TcpLink#addFault(
 * ConnectionFault)} acts on both directions, and is the only way to add an effect on the link
 * ({@link Effect.Scope#LINK}). A share of the connections can be picked by the seed ({@code toxicity}). The returned
 * {@link FaultHandle} removes the fault again; faults given to the link's builder are in force before it accepts its
 * first connection.
 *
 * <p>The constructor refuses combinations that mean nothing, naming both halves: an effect on messages needs a
 * {@link Trigger.OnMessage}; an effect on the link a trigger of time; an effect that lasts a window with a length;
 * Toxiproxy's own effects {@link Trigger#onConnect()}. The factories below are the classic toxics as such
 * combinations.
 *
 * @param trigger when the effect acts
 * @param effect  what it does
 */
public record ConnectionFault(Trigger trigger, Effect effect) implements LinkFault {

    public ConnectionFault {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(effect, "effect");
        FaultRules.check(trigger, effect);
    }

    /** {@code effect} when {@code trigger} says. */
    public static ConnectionFault of(Trigger trigger, Effect effect) {
        return new ConnectionFault(trigger, effect);
    }

    /** Data in the direction is accepted but never delivered: {@link Effect.Blackhole} on connect. */
    public static ConnectionFault blackhole() {
        return of(Trigger.onConnect(), Effect.blackhole());
    }

    /** Nothing crosses in the direction, and the connection stays open: {@link Effect.Hang} on connect. */
    public static ConnectionFault hang() {
        return of(Trigger.onConnect(), Effect.hang());
    }

    /**
     * After {@code after}, the receiving peer of the direction sees a TCP reset, the other peer a normal close:
     * {@link Effect.ResetPeer} {@link Trigger#after(Duration) after} that time. Timed from the fault reaching the
     * connection, as a Java test expects; {@link #toxiproxyResetPeer} is Toxiproxy's exact behaviour.
     */
    public static ConnectionFault resetPeer(Duration after) {
        Check.nonNegative("resetPeer.after", after);
        return of(Trigger.after(after), Effect.resetPeer());
    }

    /** When the sender of the direction closes, the close reaches the receiver {@code delay} later. */
    public static ConnectionFault slowClose(Duration delay) {
        return of(Trigger.onConnect(), Effect.slowClose(delay));
    }

    /** Data stops; the connection is closed after {@code after} ({@link Duration#ZERO} = never). */
    public static ConnectionFault timeout(Duration after) {
        return of(Trigger.onConnect(), Effect.timeout(after));
    }

    /**
     * Lets exactly {@code bytes} bytes through in the direction (counted from when the fault reached the
     * connection), then closes the connection; anything beyond is discarded. Toxiproxy's {@code limit_data}:
     * {@link Effect.Close} {@link Trigger#afterBytes(long) after} that many bytes; zero closes on the first byte.
     */
    public static ConnectionFault limitData(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("limitData.bytes: " + bytes + " (expected: >= 0)");
        }
        return of(Trigger.afterBytes(bytes), Effect.close());
    }

    /** Data is delivered in slices of about {@code averageBytes} bytes, {@code delay} apart. */
    public static ConnectionFault slicer(int averageBytes, int sizeVariationBytes, Duration delay) {
        return of(Trigger.onConnect(), Effect.slicer(averageBytes, sizeVariationBytes, delay));
    }

    /** Toxiproxy's {@code timeout} toxic as Toxiproxy runs it (see {@link Effect.ToxiproxyTimeout}). */
    public static ConnectionFault toxiproxyTimeout(Duration timeout) {
        return of(Trigger.onConnect(), Effect.toxiproxyTimeout(timeout));
    }

    /** Toxiproxy's {@code reset_peer} toxic as Toxiproxy runs it (see {@link Effect.ToxiproxyResetPeer}). */
    public static ConnectionFault toxiproxyResetPeer(Duration timeout) {
        return of(Trigger.onConnect(), Effect.toxiproxyResetPeer(timeout));
    }

    /**
     * The link refuses connections: {@code connect()} fails with "Connection refused" until the fault is removed
     * ({@link Effect.Refuse} on connect). Add it without a direction.
     */
    public static ConnectionFault refuse() {
        return of(Trigger.onConnect(), Effect.refuse());
    }

    /**
     * For {@code delay} from when the fault is added (the link's start, given to its builder), the link answers no
     * connection attempt, so a client's {@code connect()} takes at least that long, or hits its own connect timeout
     * ({@link Effect.StallAccepts} {@link Trigger#during(Duration) during} that time). Add it without a direction.
     */
    public static ConnectionFault acceptDelay(Duration delay) {
        Check.nonNegative("acceptDelay.delay", delay);
        return of(Trigger.during(delay), Effect.stallAccepts());
    }

    /**
     * Every connection is accepted ({@code connect()} succeeds) and then nothing crosses it, either way, until the
     * fault is removed: {@link Effect.Hang} on connect, added without a direction.
     */
    public static ConnectionFault acceptThenHang() {
        return hang();
    }

    @Override
    public String toString() {
        return effect + " " + trigger;
    }
}
