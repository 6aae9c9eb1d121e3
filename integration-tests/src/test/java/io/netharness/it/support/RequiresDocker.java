package io.netharness.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The annotated test class needs a Docker engine and the locally built test images ({@code .ci/docker-up} starts
 * the one and builds the other). Without them the class is skipped with a message saying so, or, when
 * {@code CI=true}, it fails. Put it before {@code @Testcontainers} so the check runs before any container starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerCondition.class)
public @interface RequiresDocker {}
