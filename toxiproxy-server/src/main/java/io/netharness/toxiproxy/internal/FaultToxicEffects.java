package io.netharness.toxiproxy.internal;

import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.CutMode;
import io.netharness.simulator.Direction;
import io.netharness.simulator.Effect;
import io.netharness.simulator.Trigger;
import java.time.Duration;

/**
 * NetHarness's fault toxics ({@link ToxicType#isFault()}) as simulator faults: the type names the {@link Effect},
 * the toxic's {@code trigger} ({@link TriggerJson}) says when it acts, and the stream where, except for the effects
 * on the listener ({@code refuse}, {@code accept_delay}, {@code cut}) and {@code accept_then_hang} (both ways), which
 * take no direction.
 */
final class FaultToxicEffects {

    private FaultToxicEffects() {
    }

    /**
     * The fault of a fault toxic; throws {@link ApiError} (400) naming the field for a combination the simulator
     * refuses, so that a bad toxic is refused before anything changes.
     */
    static ConnectionFault fault(Toxic toxic) {
        Trigger trigger = trigger(toxic);
        try {
            return ConnectionFault.of(trigger, effect(toxic));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequestBody(e.getMessage());
        }
    }

    /** The direction to add the fault in; null for both directions, or for an effect on the listener. */
    static Direction direction(Toxic toxic) {
        return switch (toxic.type()) {
            case REFUSE, ACCEPT_DELAY, CUT, ACCEPT_THEN_HANG -> null;
            default -> toxic.stream().direction();
        };
    }

    private static Trigger trigger(Toxic toxic) {
        ToxicType type = toxic.type();
        if (type == ToxicType.ACCEPT_DELAY && toxic.longAttribute("delay") > 0) {
            if (toxic.trigger() != null) {
                throw ApiError.badRequestBody("trigger: set with accept_delay's delay (expected: one of them; the"
                        + " delay is a window from when the toxic is added, the trigger any windows of time)");
            }
            return Trigger.during(Duration.ofMillis(toxic.longAttribute("delay")));
        }
        Trigger trigger = TriggerJson.parse(toxic.trigger());
        boolean onMessages = trigger instanceof Trigger.OnMessage
                || trigger instanceof Trigger.OnConnection one && one.then() instanceof Trigger.OnMessage;
        if (type.jsonName().startsWith("message_") && !onMessages) {
            throw ApiError.badRequestBody("trigger.message: missing (expected: message or matching, with a framer:"
                    + " a " + type.jsonName() + " toxic acts on whole messages)");
        }
        return trigger;
    }

    private static Effect effect(Toxic toxic) {
        return switch (toxic.type()) {
            case HANG, ACCEPT_THEN_HANG -> Effect.hang();
            case BLACKHOLE -> Effect.blackhole();
            case RESET -> Effect.resetPeer();
            case CLOSE -> Effect.close();
            case REFUSE -> Effect.refuse();
            case ACCEPT_DELAY -> Effect.stallAccepts();
            case CUT -> Effect.cut(toxic.longAttribute("drop_existing") == 1 ? CutMode.DROP_EXISTING
                    : CutMode.KEEP_EXISTING);
            case MESSAGE_DROP -> Effect.drop();
            case MESSAGE_DELAY -> Effect.delay(Duration.ofMillis(toxic.longAttribute("delay")));
            case MESSAGE_DUPLICATE -> Effect.duplicate();
            case MESSAGE_REORDER -> Effect.reorder(Duration.ofMillis(toxic.longAttribute("max_hold")));
            case MESSAGE_CORRUPT -> Effect.corrupt();
            default -> throw new IllegalArgumentException(toxic.type().jsonName() + " is not a fault toxic");
        };
    }
}
