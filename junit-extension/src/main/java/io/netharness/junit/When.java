package io.netharness.junit;

import io.netharness.simulator.Trigger;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * When a {@link Fault @Fault} acts: the simulator's {@link Trigger}, written as attributes. Leave everything unset for
 * "from the start of every connection" ({@link Trigger#onConnect()}); otherwise set one kind of trigger:
 * <ul>
 *   <li>time: {@link #after()} (for good), {@link #until()} (with or without {@code after}: a window), or
 *       {@link #after()} with {@link #every()} and optionally {@link #lasting()} (after X, then every Y);</li>
 *   <li>flapping: {@link #up()} and {@link #down()}, with an optional {@link #jitter()} drawn from the seed;</li>
 *   <li>bytes: {@link #afterBytes()}, counted in the fault's direction;</li>
 *   <li>messages: {@link #message()} (the Nth), or {@link #matching()} (a regular expression found in the message's
 *       text), cut by {@link #framer()}, acting {@link #at()} the message.</li>
 * </ul>
 * {@link #connection()} restricts any of these to the Nth connection. Durations are written as elsewhere
 * ({@code "200ms"}, {@code "2s"}). A combination that sets two kinds, or a kind without what it needs, is a
 * misconfiguration naming the attributes.
 *
 * <pre>{@code
 * @Fault(value = Fault.Kind.DROP, when = @When(message = 3, framer = @Framing(Framing.Kind.RESP)))
 * @Fault(value = Fault.Kind.CUT, cutMode = CutMode.DROP_EXISTING, when = @When(up = "200ms", down = "100ms"))
 * @Fault(value = Fault.Kind.RESET_PEER, when = @When(connection = 2, afterBytes = 1024))
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface When {

    /** Time from the start until the window opens; with {@link #every()}, the first of repeated windows. */
    String after() default "";

    /** Time from the start until the window closes; without {@link #after()} the window opens at once. */
    String until() default "";

    /** Period of repeated windows, with {@link #after()}. */
    String every() default "";

    /** How long each repeated window stays open, with {@link #every()}; unset: an instant. */
    String lasting() default "";

    /** Flapping: how long the link stays up (the effect off) each time; with {@link #down()}. */
    String up() default "";

    /** Flapping: how long it stays down (the effect on) each time; with {@link #up()}. */
    String down() default "";

    /** Largest random deviation of each flapping or repeated phase, drawn from the link's seed. */
    String jitter() default "";

    /** The effect acts once this many bytes have passed in the fault's direction; {@code -1}: unset. */
    long afterBytes() default -1;

    /** Only the Nth connection the link accepts (1 is the first); {@code 0}: every connection. */
    long connection() default 0;

    /** The Nth message (1 is the first) in the fault's direction; needs {@link #framer()}. {@code 0}: unset. */
    long message() default 0;

    /** Every message whose text contains a match of this regular expression; needs {@link #framer()}. */
    String matching() default "";

    /** How the stream is cut into messages, for {@link #message()} and {@link #matching()}. */
    Framing framer() default @Framing(Framing.Kind.NONE);

    /** Where an effect on the connection acts in the selected message: before it, after its head, or after it. */
    Trigger.OnMessage.Point at() default Trigger.OnMessage.Point.BEFORE;
}
