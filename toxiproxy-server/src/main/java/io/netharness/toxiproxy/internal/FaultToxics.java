package io.netharness.toxiproxy.internal;

import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.ToxicList;
import io.netharness.core.Format;
import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.Effect;
import io.netharness.simulator.Trigger;
import java.io.IOException;
import java.time.Duration;

/**
 * The way back from {@link TcpFaultToxics}: a simulator {@link ConnectionFault} as the Toxiproxy toxic that does
 * the same, created through toxiproxy-java; a fault no toxic expresses (a hang, a message fault, a refusal, ...) is
 * refused. Toxiproxy counts in whole milliseconds (slicer delays in whole
 * microseconds), so a finer duration is refused, naming the field, before anything is sent.
 */
public final class FaultToxics {

    private FaultToxics() {
    }

    /** Checks that Toxiproxy can express {@code fault}; throws {@link IllegalArgumentException} if not. */
    public static void check(ConnectionFault fault) {
        duration(kind(fault), fault);
    }

    /** Creates the toxic for {@code fault} named {@code name} on {@code stream}. */
    public static Toxic create(ToxicList toxics, String name, ToxicDirection stream, ConnectionFault fault)
            throws IOException {
        String kind = kind(fault);
        long duration = duration(kind, fault);
        switch (kind) {
            case "reset_peer":
                return toxics.resetPeer(name, stream, duration);
            case "slow_close":
                return toxics.slowClose(name, stream, duration);
            case "timeout":
                return toxics.timeout(name, stream, duration);
            case "limit_data":
                return toxics.limitData(name, stream, ((Trigger.AfterBytes) fault.trigger()).bytes());
            default:
                Effect.Slicer slicer = (Effect.Slicer) fault.effect();
                return toxics.slicer(name, stream, slicer.averageBytes(), duration)
                        .setSizeVariation(slicer.sizeVariationBytes());
        }
    }

    /**
     * The Toxiproxy toxic type that does what {@code fault} does: the classic toxics, each a trigger with an effect
     * ({@code resetPeer} after a time, a close after some bytes, the others on connect). A blackhole is a timeout of
     * 0, which holds the data and never closes.
     */
    private static String kind(ConnectionFault fault) {
        Trigger trigger = fault.trigger();
        Effect effect = fault.effect();
        boolean onConnect = trigger instanceof Trigger.OnConnect;
        if (effect instanceof Effect.ResetPeer && trigger instanceof Trigger.After
                || effect instanceof Effect.ToxiproxyResetPeer) {
            return "reset_peer";
        }
        if (onConnect && effect instanceof Effect.SlowClose) {
            return "slow_close";
        }
        if (onConnect && (effect instanceof Effect.Timeout || effect instanceof Effect.ToxiproxyTimeout
                || effect instanceof Effect.Blackhole)) {
            return "timeout";
        }
        if (effect instanceof Effect.Close && trigger instanceof Trigger.AfterBytes) {
            return "limit_data";
        }
        if (onConnect && effect instanceof Effect.Slicer) {
            return "slicer";
        }
        throw new IllegalArgumentException("fault: " + fault + " (expected: one a Toxiproxy toxic expresses: resetPeer"
                + " after a time, a close after some bytes, or on connect a blackhole, slow close, timeout or slicer)");
    }

    /**
     * The fault's duration in Toxiproxy's unit (milliseconds; microseconds for a slicer's delay), 0 for a fault
     * without one; throws {@link IllegalArgumentException}, naming the field, if Toxiproxy cannot express it.
     */
    private static long duration(String kind, ConnectionFault fault) {
        Effect effect = fault.effect();
        if (effect instanceof Effect.ResetPeer) {
            return millis("resetPeer.after", ((Trigger.After) fault.trigger()).delay());
        }
        if (effect instanceof Effect.SlowClose slow) {
            return millis("slowClose.delay", slow.delay());
        }
        if (effect instanceof Effect.Timeout timeout) {
            return millis("timeout.after", timeout.closeAfter());
        }
        if (effect instanceof Effect.ToxiproxyResetPeer reset) {
            return millis("toxiproxyResetPeer.timeout", reset.timeout());
        }
        if (effect instanceof Effect.ToxiproxyTimeout timeout) {
            return millis("toxiproxyTimeout.timeout", timeout.timeout());
        }
        if (effect instanceof Effect.Slicer slicer) {
            return micros("slicer.delay", slicer.delay());
        }
        return 0;
    }

    private static long millis(String field, Duration duration) {
        if (duration.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(field + ": " + Format.duration(duration) + " (expected: whole milliseconds, Toxiproxy's unit)");
        }
        return duration.toMillis();
    }

    private static long micros(String field, Duration duration) {
        if (duration.toNanos() % 1_000 != 0) {
            throw new IllegalArgumentException(field + ": " + duration + " (expected: whole microseconds, Toxiproxy's unit)");
        }
        return duration.toNanos() / 1_000;
    }
}
