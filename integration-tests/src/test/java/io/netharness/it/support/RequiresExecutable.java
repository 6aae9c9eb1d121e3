package io.netharness.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The annotated test class runs a server binary that Debian installs ({@code .ci/setup-tools} installs them all).
 * Without it the whole class is skipped before anything starts, and every test says why in the report (an
 * assumption failing in {@code @BeforeAll} would leave the class as "Tests run: 0" with no reason); with
 * {@code CI=true} the class fails instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(RequiresExecutable.All.class)
@ExtendWith(ExecutableCondition.class)
public @interface RequiresExecutable {

    /** The binary, as {@link Executables#find} looks it up: {@code "redis-server"}. */
    String value();

    /** The Debian package that installs it, named in the skip message: {@code "redis-server"}. */
    String debianPackage();

    /** Holds several. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(ExecutableCondition.class)
    @interface All {
        RequiresExecutable[] value();
    }
}
