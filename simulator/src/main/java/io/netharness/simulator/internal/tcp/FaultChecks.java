package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.Direction;
import io.netharness.simulator.Effect;
import io.netharness.simulator.Trigger;
import java.util.Objects;

/** What a TCP link checks before it registers a fault: each refusal names the value and what would be valid. */
final class FaultChecks {

    private FaultChecks() {
    }

    /**
     * Checks {@code fault} for {@code direction} (null: both, or the link) at {@code toxicity} against the faults
     * already {@code registered}.
     *
     * @throws IllegalArgumentException if the combination means nothing or contradicts a fault in force
     */
    static void check(Direction direction, ConnectionFault fault, double toxicity,
            Iterable<RegisteredFault> registered) {
        Objects.requireNonNull(fault, "fault");
        if (!(toxicity >= 0.0 && toxicity <= 1.0)) {
            throw new IllegalArgumentException("toxicity: " + toxicity + " (expected: 0.0-1.0)");
        }
        boolean onLink = fault.effect().scope() == Effect.Scope.LINK;
        if (onLink && direction != null) {
            throw new IllegalArgumentException("direction: " + direction + " for " + fault + " (expected: none, as "
                    + fault.effect() + " acts on the link: add it with addFault(fault))");
        }
        if (onLink && toxicity < 1.0) {
            throw new IllegalArgumentException("toxicity: " + toxicity + " for " + fault + " (expected: 1.0, as "
                    + fault.effect() + " acts on the link, not on a share of its connections)");
        }
        requireOneFramer(direction, fault, registered);
    }

    /** All message faults of a direction must cut the stream the same way; a second framer would contradict. */
    private static void requireOneFramer(Direction direction, ConnectionFault fault,
            Iterable<RegisteredFault> registered) {
        if (!(messageTrigger(fault) instanceof Trigger.OnMessage added)) {
            return;
        }
        for (RegisteredFault other : registered) {
            if (other.isActive() && messageTrigger(other.fault()) instanceof Trigger.OnMessage existing
                    && (direction == null || other.direction().isEmpty() || other.direction().get() == direction)
                    && !existing.framer().equals(added.framer())) {
                throw new IllegalArgumentException("framer: " + added.framer() + " for " + fault + " (expected: "
                        + existing.framer() + ", the framer of " + other + " in force in the same direction)");
            }
        }
    }

    private static Trigger messageTrigger(ConnectionFault fault) {
        Trigger trigger = fault.trigger();
        return trigger instanceof Trigger.OnConnection one ? one.then() : trigger;
    }
}
