package io.netharness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Turns on NetHarness for a test class, like Testcontainers' {@code @Testcontainers}. Needed only when nothing
 * else in the class carries a NetHarness annotation, e.g. a test that only takes a {@link Network} parameter or
 * fixes a seed; {@link SimulatedLink @SimulatedLink} and {@link InProcessServer @InProcessServer} register the
 * extension themselves.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(NetHarnessExtension.class)
public @interface NetHarness {}
