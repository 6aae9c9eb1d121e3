package io.netharness.simulator.internal;

import io.netharness.simulator.Effect;
import io.netharness.simulator.Trigger;

/**
 * Which {@link Trigger} suits which {@link Effect}; every refusal is one sentence naming both halves and what would
 * fit, in the simulator's {@code field: value (expected: ...)} style.
 */
public final class FaultRules {

    private FaultRules() {
    }

    /** Throws {@link IllegalArgumentException} unless {@code trigger} can drive {@code effect}. */
    public static void check(Trigger trigger, Effect effect) {
        Trigger within = trigger instanceof Trigger.OnConnection one ? one.then() : trigger;
        switch (effect.scope()) {
            case MESSAGE -> {
                if (!(within instanceof Trigger.OnMessage message)) {
                    throw refused(effect, trigger, "a Trigger.onMessage(...) trigger, as " + effect
                            + " acts on whole messages");
                }
                if (message.point() != Trigger.OnMessage.Point.BEFORE) {
                    throw refused(effect, trigger, "onMessage(...) without after() or afterHead(), as " + effect
                            + " acts on the message itself");
                }
            }
            case LINK -> {
                if (!isOfTime(trigger)) {
                    throw refused(effect, trigger, "a trigger of time (onConnect, after, between, periodic), as "
                            + effect + " acts on the link, not on one connection's bytes or messages");
                }
            }
            case CONNECTION -> {
                if ((effect instanceof Effect.ToxiproxyTimeout || effect instanceof Effect.ToxiproxyResetPeer)
                        && !(trigger instanceof Trigger.OnConnect)) {
                    throw refused(effect, trigger, "Trigger.onConnect(), as " + effect
                            + " keeps Toxiproxy's own timing");
                }
            }
        }
        if (!effect.isInstant() && within instanceof Trigger.Periodic periodic && periodic.lasting().isZero()) {
            throw refused(effect, trigger, "windows of some length, e.g. thenEvery(...).lasting(...), as " + effect
                    + " lasts while its trigger's window is open");
        }
    }

    /** Triggers that depend on time only, not on one connection's traffic. */
    public static boolean isOfTime(Trigger trigger) {
        return trigger instanceof Trigger.OnConnect || trigger instanceof Trigger.After
                || trigger instanceof Trigger.Between || trigger instanceof Trigger.Periodic;
    }

    private static IllegalArgumentException refused(Effect effect, Trigger trigger, String expected) {
        return new IllegalArgumentException("trigger: " + trigger + " for " + effect + " (expected: " + expected + ")");
    }
}
