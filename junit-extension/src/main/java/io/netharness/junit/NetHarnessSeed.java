package io.netharness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fixes the seed from which every random decision of the annotated test (or test class) is derived, to replay
 * a run exactly.
 *
 * <p>NetHarness draws a <em>run seed</em> once per run (or takes it from the configuration parameter or system
 * property {@code netharness.seed}). Each test class and each test derives its own seed from the seed of its
 * parent and its unique id, and each link derives its seed from that and its field (or its parameter's method
 * and position: never from a parameter's source name, which {@code javac -parameters} decides). A failing test
 * reports its seed together with the text that replays it, for example
 * {@code @NetHarnessSeed(8202445962093811234L)}; pasting that on the method makes its links take the same
 * decisions again.
 *
 * <pre>{@code
 * @Test
 * @NetHarnessSeed(42L)
 * void replaysTheReportedRun(@SimulatedLink(targetServer = "echo", loss = 0.1) UdpLink link) { ... }
 * }</pre>
 *
 * <p>On a method the value is that test's seed; on a class it is the class's seed, from which the seeds of its
 * tests (and of its {@code @Nested} classes) are derived. A {@link SimulatedLink#seed()} on a link wins over
 * both.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface NetHarnessSeed {

    /** The seed; any {@code long}. */
    long value();
}
