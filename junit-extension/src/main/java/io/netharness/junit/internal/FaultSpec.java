package io.netharness.junit.internal;

import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.DatagramFault;
import io.netharness.simulator.Direction;
import io.netharness.simulator.Effect;
import io.netharness.simulator.Trigger;

/**
 * A validated {@code @Fault}: its trigger and effect, made into the simulator's fault once the link's protocol is
 * known.
 *
 * @param label     where it was written, {@code faults[0]}, for messages
 * @param kind      its {@code Fault.Kind}, for messages
 * @param direction where it applies; null for both directions, or the link
 * @param directionDefaulted true if the annotation left the direction unset (DOWNSTREAM was assumed)
 * @param trigger   when
 * @param effect    what
 * @param toxicity  share of connections affected, 0..1
 */
record FaultSpec(String label, String kind, Direction direction, boolean directionDefaulted, Trigger trigger,
        Effect effect, double toxicity) {

    /** The fault of a TCP link. */
    public ConnectionFault connectionFault() {
        return ConnectionFault.of(trigger, effect);
    }

    /** The fault of a datagram link. */
    public DatagramFault datagramFault() {
        return DatagramFault.of(trigger, effect);
    }

    /** True for an effect on the link rather than on connections. */
    public boolean onLink() {
        return effect.scope() == Effect.Scope.LINK;
    }
}
