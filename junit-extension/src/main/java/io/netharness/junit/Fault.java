package io.netharness.junit;

import io.netharness.simulator.CutMode;
import io.netharness.simulator.Direction;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fault of a {@link SimulatedLink @SimulatedLink}, in force from the link's first connection (or datagram): what
 * happens is {@link #value()}, when is {@link #when()}, where is {@link #direction()}. Each kind is the simulator's
 * {@code Effect} of the same name and reads the attributes said at it.
 *
 * <pre>{@code
 * @SimulatedLink(targetServer = "db", faults = @Fault(value = Fault.Kind.RESET_PEER, after = "2s"))
 * @SimulatedLink(targetServer = "redis", faults = @Fault(value = Fault.Kind.DROP,
 *         when = @When(message = 3, framer = @Framing(Framing.Kind.RESP))))
 * @SimulatedLink(targetServer = "db", faults = @Fault(value = Fault.Kind.CUT, cutMode = CutMode.DROP_EXISTING,
 *         when = @When(up = "200ms", down = "100ms")))
 * @SimulatedLink(targetServer = "db", faults = @Fault(Fault.Kind.REFUSE))
 * }</pre>
 *
 * <p>A TCP link takes every kind; a UDP or multicast link {@link Kind#PROFILE} and {@link Kind#CUT} with a trigger of
 * time. To add or remove faults while the test runs, use the link's {@code addFault}. A misuse (a kind without the
 * attribute it needs, an attribute it does not read, two triggers at once, a direction for an effect on the link)
 * fails the test as a misconfiguration naming the attribute, as {@code faults[0].when.message}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Fault {

    /** What the fault does; each is the simulator's {@code Effect} (or {@code ConnectionFault}) of the same name. */
    enum Kind {
        /** Data in the direction is accepted but never delivered. */
        BLACKHOLE,
        /** Nothing crosses in the direction and nothing more is read; the connection stays open. */
        HANG,
        /** The receiver of the direction sees a TCP reset; {@link Fault#after()} is short for {@code when.after}. */
        RESET_PEER,
        /** The connection closes normally once what was read before the trigger is delivered. */
        CLOSE,
        /** A close by the sender reaches the receiver {@link Fault#delay()} later. */
        SLOW_CLOSE,
        /** Data stops; the connection closes after {@link Fault#after()} ({@code "0"} or unset: never). */
        TIMEOUT,
        /** The connection closes once {@link Fault#bytes()} bytes were delivered in the direction. */
        LIMIT_DATA,
        /**
         * Data arrives in slices of {@link Fault#averageBytes()} ± {@link Fault#sizeVariationBytes()},
         * {@link Fault#delay()} apart.
         */
        SLICER,
        /** The direction's profile is the link's with {@link Fault#profile()}'s attributes, during the window. */
        PROFILE,
        /** The selected message never arrives (needs a message trigger). */
        DROP,
        /** The selected message arrives {@link Fault#delay()} later (needs a message trigger). */
        DELAY,
        /** The selected message arrives twice (needs a message trigger). */
        DUPLICATE,
        /** The selected message follows the next one, held at most {@link Fault#maxHold()} (a message trigger). */
        REORDER,
        /** One bit of the selected message is flipped (needs a message trigger). */
        CORRUPT,
        /** The link refuses connections: {@code connect()} fails with "Connection refused" (no direction). */
        REFUSE,
        /** The link answers no connection attempt, so {@code connect()} waits (no direction). */
        STALL_ACCEPTS,
        /** {@code connect()} waits during the first {@link Fault#delay()} of the link's life (no direction or when). */
        ACCEPT_DELAY,
        /** Every connection is accepted, then nothing crosses it either way (no direction). */
        ACCEPT_THEN_HANG,
        /** The link is cut with {@link Fault#cutMode()} (no direction). */
        CUT
    }

    /** What the fault does. */
    Kind value();

    /**
     * Whose data (or whose receiving peer) it acts on; UPSTREAM is client to target. Unset: DOWNSTREAM for effects on
     * connections and messages, none for effects on the link (which take none). Both: {@code {UPSTREAM, DOWNSTREAM}}.
     */
    Direction[] direction() default {};

    /** When it acts; unset: from the start of every connection (see {@link When}). */
    When when() default @When;

    /** RESET_PEER: a shorthand for {@code when = @When(after = ...)}; TIMEOUT: when the connection closes. */
    String after() default "";

    /** SLOW_CLOSE, SLICER, DELAY, ACCEPT_DELAY: a duration such as {@code "10ms"}. */
    String delay() default "";

    /** LIMIT_DATA: the number of bytes delivered before the close, at least 0. */
    long bytes() default -1;

    /** SLICER: mean slice size in bytes, at least 1. */
    int averageBytes() default -1;

    /** SLICER: largest deviation from the mean, from 0 to {@code averageBytes - 1}. */
    int sizeVariationBytes() default 0;

    /** REORDER: longest time the message waits for the next one; unset: 50 ms. */
    String maxHold() default "";

    /** CUT: what happens to connections open when the cut begins. */
    CutMode cutMode() default CutMode.KEEP_EXISTING;

    /** PROFILE: the profile in force during the window; unset attributes inherit the link's. */
    Profile profile() default @Profile;

    /** Share of connections affected, 0.0 to 1.0, picked by the link's seed (effects on connections only). */
    double toxicity() default 1.0;
}
