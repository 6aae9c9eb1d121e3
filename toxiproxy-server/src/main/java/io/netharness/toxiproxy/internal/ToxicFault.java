package io.netharness.toxiproxy.internal;

import eu.rekawek.toxiproxy.model.Toxic;
import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.Direction;
import io.netharness.simulator.FaultHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** A connection fault served by a Toxiproxy toxic; {@link #remove()} deletes the toxic. Thread-safe. */
public final class ToxicFault implements FaultHandle {

    private final Direction direction;
    private final ConnectionFault fault;
    private final double toxicity;
    private final Toxic toxic;
    private boolean active = true;

    public ToxicFault(Direction direction, ConnectionFault fault, double toxicity, Toxic toxic) {
        this.direction = direction;
        this.fault = fault;
        this.toxicity = toxicity;
        this.toxic = toxic;
    }

    @Override
    public Optional<Direction> direction() {
        return Optional.of(direction);
    }

    @Override
    public ConnectionFault fault() {
        return fault;
    }

    @Override
    public double toxicity() {
        return toxicity;
    }

    @Override
    public synchronized boolean isActive() {
        return active;
    }

    /** Deletes the toxic; idempotent. A toxic already gone with its proxy (link closed) counts as removed. */
    @Override
    public synchronized void remove() {
        if (!active) {
            return;
        }
        active = false;
        try {
            toxic.remove();
        } catch (IOException e) {
            throw new UncheckedIOException("Toxiproxy did not remove toxic " + toxic.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Marks the fault gone without a call: its proxy was deleted. */
    public synchronized void proxyDeleted() {
        active = false;
    }

    @Override
    public String toString() {
        return "ToxicFault{" + toxic.getName() + " " + direction + " " + fault + " toxicity " + toxicity + "}";
    }
}
