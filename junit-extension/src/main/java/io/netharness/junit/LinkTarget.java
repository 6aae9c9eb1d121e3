package io.netharness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says where a link annotated through a composed annotation leads, so that a team can define its impairment
 * profiles once and reuse them against any target.
 *
 * <pre>{@code
 * @Retention(RetentionPolicy.RUNTIME)
 * @Target({ElementType.FIELD, ElementType.PARAMETER})
 * @SimulatedLink(latency = "120ms", jitter = "40ms", loss = 0.03, bandwidth = "1Mbit/s")
 * @interface Flaky3G {}
 *
 * @Flaky3G @LinkTarget(server = "echo") UdpLink link;
 * }</pre>
 *
 * <p>The attributes mean what {@link SimulatedLink#target()}, {@link SimulatedLink#targetServer()},
 * {@link SimulatedLink#targetMethod()} and {@link SimulatedLink#targetProperty()} mean; exactly one target must
 * be given in all, counting those of the {@code @SimulatedLink}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
public @interface LinkTarget {

    /** A fixed {@code host:port}, see {@link SimulatedLink#target()}. */
    String value() default "";

    /** The name of an in-process server, see {@link SimulatedLink#targetServer()}. */
    String server() default "";

    /** A method that returns the target, see {@link SimulatedLink#targetMethod()}. */
    String method() default "";

    /** A configuration parameter or system property holding the target, see {@link SimulatedLink#targetProperty()}. */
    String property() default "";
}
