package io.netharness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The impairments of one direction of a {@link SimulatedLink @SimulatedLink}, used as its
 * {@link SimulatedLink#upstream() upstream} or {@link SimulatedLink#downstream() downstream} attribute.
 *
 * <p>Every attribute left at its default <em>inherits</em> the value of the same attribute of the enclosing
 * {@code @SimulatedLink}; the defaults ({@code ""} and {@code -1}) only mean "not set here". So
 * {@code @SimulatedLink(targetServer = "echo", latency = "20ms", downstream = @Profile(bandwidth = "1MB/s"))}
 * delays both directions by 20 ms and limits only the server-to-client direction. The attributes mean exactly
 * what the attributes of the same name on {@code @SimulatedLink} mean.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Profile {

    /** Base one-way delay, see {@link SimulatedLink#latency()}. */
    String latency() default "";

    /** Delay variation, see {@link SimulatedLink#jitter()}. */
    String jitter() default "";

    /** Delay distribution, see {@link SimulatedLink#distribution()}. */
    String distribution() default "";

    /** Correlation of successive delays, see {@link SimulatedLink#latencyCorrelation()}. */
    double latencyCorrelation() default -1;

    /** Loss probability, see {@link SimulatedLink#loss()}. */
    double loss() default -1;

    /** Correlation of successive losses, see {@link SimulatedLink#lossCorrelation()}. */
    double lossCorrelation() default -1;

    /** Mean loss burst length, see {@link SimulatedLink#burstLength()}. */
    double burstLength() default -1;

    /**
     * Four-state loss model, see {@link SimulatedLink#lossStates()}; {@code {}} inherits it, unless this profile sets
     * its own {@code loss}, {@code lossCorrelation} or {@code burstLength}, which then replace it.
     */
    double[] lossStates() default {};

    /** Duplication probability, see {@link SimulatedLink#duplicate()}. */
    double duplicate() default -1;

    /** Correlation of duplications, see {@link SimulatedLink#duplicateCorrelation()}. */
    double duplicateCorrelation() default -1;

    /** Reordering probability, see {@link SimulatedLink#reorder()}. */
    double reorder() default -1;

    /** Reordering gap, see {@link SimulatedLink#reorderGap()}. */
    int reorderGap() default -1;

    /** Longest hold of a reordered datagram, see {@link SimulatedLink#reorderMaxHold()}. */
    String reorderMaxHold() default "";

    /** Corruption probability, see {@link SimulatedLink#corrupt()}. */
    double corrupt() default -1;

    /** Rate limit, see {@link SimulatedLink#bandwidth()}. */
    String bandwidth() default "";

    /** Largest datagram, see {@link SimulatedLink#mtu()}. */
    int mtu() default -1;

    /** What happens to larger datagrams, see {@link SimulatedLink#mtuAction()}. */
    String mtuAction() default "";
}
