package io.netharness.junit;

import io.netharness.simulator.Direction;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A connection fault of a TCP {@link SimulatedLink @SimulatedLink} (Toxiproxy's "toxics"), in force from the
 * link's start: {@code @SimulatedLink(targetServer = "db", faults = @Fault(value = Fault.Kind.RESET_PEER,
 * after = "2s"))}. What happens is {@link #value()}; where is {@link #direction()}; which attributes a kind reads
 * is said at each kind. To add or remove faults while the test runs, use {@code TcpLink.addFault}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Fault {

    /** What the fault does; each maps to the simulator's {@code ConnectionFault} of the same name. */
    enum Kind {
        /** Data in the direction is accepted but never delivered. */
        BLACKHOLE,
        /** After {@link Fault#after()}, the receiver of the direction sees a TCP reset. */
        RESET_PEER,
        /** A close by the sender reaches the receiver {@link Fault#delay()} later. */
        SLOW_CLOSE,
        /** Data stops; the connection closes after {@link Fault#after()} ({@code "0"} or unset: never). */
        TIMEOUT,
        /** The connection closes once {@link Fault#bytes()} bytes were delivered in the direction. */
        LIMIT_DATA,
        /**
         * Data arrives in slices of {@link Fault#averageBytes()} ± {@link Fault#sizeVariationBytes()} bytes,
         * {@link Fault#delay()} apart.
         */
        SLICER
    }

    /** What the fault does. */
    Kind value();

    /** Whose data (or whose receiving peer) it acts on; UPSTREAM is client to target. */
    Direction direction() default Direction.DOWNSTREAM;

    /** For RESET_PEER and TIMEOUT: a duration such as {@code "2s"}. */
    String after() default "";

    /** For SLOW_CLOSE and SLICER: a duration such as {@code "10ms"}. */
    String delay() default "";

    /** For LIMIT_DATA: the number of bytes delivered before the close, at least 0. */
    long bytes() default -1;

    /** For SLICER: mean slice size in bytes, at least 1. */
    int averageBytes() default -1;

    /** For SLICER: largest deviation from the mean, from 0 to {@code averageBytes - 1}. */
    int sizeVariationBytes() default 0;

    /** Share of connections affected, 0.0 to 1.0, picked by the link's seed. */
    double toxicity() default 1.0;
}
