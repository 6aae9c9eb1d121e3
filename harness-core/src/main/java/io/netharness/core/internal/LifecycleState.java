package io.netharness.core.internal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The new → started → closed state every component goes through, with the checks the contract asks for. */
public final class LifecycleState {

    /** Where a component is in its life. */
    public enum Phase { NEW, STARTED, CLOSED }

    private final String owner;
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.NEW);

    /** {@code owner} names the component in error messages, e.g. {@code "TcpServer"}. */
    public LifecycleState(String owner) {
        this.owner = owner;
    }

    /**
     * Moves from new to started.
     *
     * @return {@code true} if the caller must now start the component, {@code false} if it already was
     * @throws IllegalStateException if the component was closed
     */
    public boolean tryStart() {
        if (phase.compareAndSet(Phase.NEW, Phase.STARTED)) {
            return true;
        }
        if (phase.get() == Phase.CLOSED) {
            throw new IllegalStateException(owner + " is closed and cannot be started again; create a new one");
        }
        return false;
    }

    /** Moves to closed; {@code true} only for the first call. */
    public boolean tryClose() {
        return phase.getAndSet(Phase.CLOSED) != Phase.CLOSED;
    }

    public Phase phase() {
        return phase.get();
    }

    public boolean isClosed() {
        return phase.get() == Phase.CLOSED;
    }

    public boolean isStarted() {
        return phase.get() == Phase.STARTED;
    }

    /** Throws unless started, naming what the caller wanted to do. */
    public void checkStarted(String action) {
        Phase now = phase.get();
        if (now != Phase.STARTED) {
            throw new IllegalStateException("cannot " + action + ": " + owner + " is "
                    + (now == Phase.NEW ? "not started" : "closed"));
        }
    }

    /** {@code Owner{new}}, {@code Owner{closed}}, or {@code Owner{details}} while started. */
    public String describe(Supplier<String> startedDetails) {
        return switch (phase.get()) {
            case NEW -> owner + "{new}";
            case STARTED -> owner + "{" + startedDetails.get() + "}";
            case CLOSED -> owner + "{closed}";
        };
    }

    public String owner() {
        return owner;
    }
}
