package io.netharness.core.internal;

import io.netharness.core.ComponentFailedException;
import io.netharness.core.FailureScope;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One component's failures: the first is kept (later ones are suppressed into it), signalled on the component's
 * signal outbox, reported to the {@link FailureScope} open when the component was built, and thrown again by
 * {@link #throwIfFailed()} from the component's {@code close()}. Thread-safe.
 */
public final class FailureRecorder {

    private final Supplier<String> name;
    private final Outbox<Lifecycle> signal;
    private final FailureScope scope = FailureScope.current();
    private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private ComponentFailedException failure;
    private boolean thrown;

    /** {@code name} gives the component's current description, e.g. its {@code toString()}. */
    public FailureRecorder(Supplier<String> name, Outbox<Lifecycle> signal) {
        this.name = name;
        this.signal = signal;
    }

    /**
     * Records {@code cause}, signals it and reports it to the creating scope. A failure that arrives twice (once
     * signalled, once thrown by a close) is recorded once: a {@link ComponentFailedException} counts as its cause.
     */
    public void failed(Throwable cause) {
        String component = name.get();
        Throwable root = cause instanceof ComponentFailedException wrapper ? wrapper.getCause() : cause;
        synchronized (this) {
            if (!seen.add(root)) {
                return;
            }
            if (failure == null) {
                failure = new ComponentFailedException(component, cause);
            } else {
                failure.addSuppressed(cause);
            }
            thrown = false;
        }
        Lifecycle.ComponentFailed signalled = new Lifecycle.ComponentFailed(component, cause);
        if (!signal.isDestinationClosed()) {
            try {
                signal.offer(signalled);
            } catch (IllegalStateException destinationClosedMeanwhile) {
                // the receiver closed between the check and the offer; the scope and close() still report it
            }
        }
        if (scope != null) {
            scope.report(signalled);
        }
    }

    public synchronized boolean hasFailed() {
        return failure != null;
    }

    /** Throws the recorded failure, once; called by the component's {@code close()}. */
    public void throwIfFailed() {
        ComponentFailedException toThrow;
        synchronized (this) {
            if (failure == null || thrown) {
                return;
            }
            thrown = true;
            toThrow = failure;
        }
        throw toThrow;
    }
}
