package io.netharness.core;

import java.util.Objects;

/**
 * A component failed while it ran: thrown by its {@code close()}, and by the JUnit extension at the end of the
 * test that owns the component. The message names the component; the cause is the real exception, and later
 * failures of the same component are suppressed exceptions of this one.
 */
public final class ComponentFailedException extends RuntimeException {

    private final String component;

    public ComponentFailedException(String component, Throwable cause) {
        super(Objects.requireNonNull(component, "component") + " failed: " + Objects.requireNonNull(cause, "cause"),
                cause);
        this.component = component;
    }

    /** The name of the component that failed, as its {@code toString()} gave it when it failed. */
    public String component() {
        return component;
    }
}
