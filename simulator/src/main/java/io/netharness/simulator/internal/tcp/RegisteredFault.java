package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.Direction;
import io.netharness.simulator.Effect;
import io.netharness.simulator.FaultHandle;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A fault as registered on one link: the value, where it applies, its toxicity and its sequence number, which
 * (with the link seed and the connection index) decides whether a given connection is affected and seeds its
 * random choices.
 */
final class RegisteredFault implements FaultHandle {

    private final long id;
    private final Direction direction;
    private final ConnectionFault fault;
    private final double toxicity;
    private final Consumer<RegisteredFault> remover;
    private volatile boolean active = true;

    /** {@code direction} null: both directions, or the link for an effect on the link. */
    RegisteredFault(long id, Direction direction, ConnectionFault fault, double toxicity,
            Consumer<RegisteredFault> remover) {
        this.id = id;
        this.direction = direction;
        this.fault = fault;
        this.toxicity = toxicity;
        this.remover = remover;
    }

    long id() {
        return id;
    }

    @Override
    public Optional<Direction> direction() {
        return Optional.ofNullable(direction);
    }

    /** The directions an effect on connections acts on: the one given, or both. */
    Set<Direction> directions() {
        return direction == null ? EnumSet.allOf(Direction.class) : EnumSet.of(direction);
    }

    /** True for an effect on the link (refuse, stall accepts, cut), which no connection applies itself. */
    boolean onLink() {
        return fault.effect().scope() == Effect.Scope.LINK;
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
    public boolean isActive() {
        return active;
    }

    @Override
    public void remove() {
        if (deactivate()) {
            remover.accept(this);
        }
    }

    /** Marks the fault inactive; true if it was active (so exactly one caller tells the connections). */
    synchronized boolean deactivate() {
        boolean was = active;
        active = false;
        return was;
    }

    @Override
    public String toString() {
        return "Fault#" + id + "{" + (direction == null ? (onLink() ? "link" : "both directions") : direction) + " "
                + fault + (toxicity < 1.0 ? " toxicity " + toxicity : "") + (active ? "" : ", removed") + "}";
    }
}
