package io.netharness.core;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where failures of the components created on this thread are reported, besides the component's own
 * {@link Lifecycle.ComponentFailed} signal and its {@code close()}. The JUnit extension opens one around each test,
 * so that a protocol handler that throws on an event loop fails the test that created its server, at the end of
 * the test, instead of leaving it to time out on an outbox.
 *
 * <p>A component captures the scope open on the thread that constructs it; components created on event loops
 * (protocol handlers made by a factory) report through the server that made them. Scopes nest: closing one
 * restores the one open before it. The sink is called on whichever thread the failure happened and must not
 * block; a closed scope takes no more reports (the component's own {@code close()} still throws them).
 */
public final class FailureScope implements AutoCloseable {

    private static final ThreadLocal<FailureScope> CURRENT = new ThreadLocal<>();

    private final Consumer<? super Lifecycle.ComponentFailed> sink;
    private final FailureScope previous;
    private final Thread thread;
    private volatile boolean closed;

    private FailureScope(Consumer<? super Lifecycle.ComponentFailed> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.previous = CURRENT.get();
        this.thread = Thread.currentThread();
    }

    /** Opens a scope on this thread: components created here until {@link #close()} report to {@code sink}. */
    public static FailureScope open(Consumer<? super Lifecycle.ComponentFailed> sink) {
        FailureScope scope = new FailureScope(sink);
        CURRENT.set(scope);
        return scope;
    }

    /** The innermost scope open on this thread, or {@code null}; components call this when they are built. */
    public static FailureScope current() {
        FailureScope scope = CURRENT.get();
        while (scope != null && scope.closed) {
            scope = scope.previous;
        }
        return scope;
    }

    /** Hands a failure to the sink, unless the scope is closed. */
    public void report(Lifecycle.ComponentFailed failure) {
        if (!closed) {
            sink.accept(failure);
        }
    }

    /**
     * Ends the scope: it takes no more reports, and on the thread that opened it the scope open before it becomes
     * current again. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() == thread && CURRENT.get() == this) {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
