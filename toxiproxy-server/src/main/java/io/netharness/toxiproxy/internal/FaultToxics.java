package io.netharness.toxiproxy.internal;

import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.ToxicList;
import io.netharness.simulator.ConnectionFault;
import java.io.IOException;
import java.time.Duration;

/**
 * The way back from {@link TcpFaultToxics}: a simulator {@link ConnectionFault} as the Toxiproxy toxic that does
 * the same, created through toxiproxy-java. Toxiproxy counts in whole milliseconds (slicer delays in whole
 * microseconds), so a finer duration is refused, naming the field, before anything is sent.
 */
public final class FaultToxics {

    private FaultToxics() {
    }

    /** Checks that Toxiproxy can express {@code fault}; throws {@link IllegalArgumentException} if not. */
    public static void check(ConnectionFault fault) {
        duration(fault);
    }

    /** Creates the toxic for {@code fault} named {@code name} on {@code stream}. */
    public static Toxic create(ToxicList toxics, String name, ToxicDirection stream, ConnectionFault fault)
            throws IOException {
        long duration = duration(fault);
        if (fault instanceof ConnectionFault.ResetPeer || fault instanceof ConnectionFault.ToxiproxyResetPeer) {
            return toxics.resetPeer(name, stream, duration);
        }
        if (fault instanceof ConnectionFault.SlowClose) {
            return toxics.slowClose(name, stream, duration);
        }
        if (fault instanceof ConnectionFault.Timeout || fault instanceof ConnectionFault.ToxiproxyTimeout) {
            return toxics.timeout(name, stream, duration);
        }
        if (fault instanceof ConnectionFault.Blackhole) {
            return toxics.timeout(name, stream, 0); // holds the data and never closes: what a blackhole does
        }
        if (fault instanceof ConnectionFault.LimitData limit) {
            return toxics.limitData(name, stream, limit.bytes());
        }
        ConnectionFault.Slicer slicer = (ConnectionFault.Slicer) fault; // the last kind of the sealed interface
        return toxics.slicer(name, stream, slicer.averageBytes(), duration)
                .setSizeVariation(slicer.sizeVariationBytes());
    }

    /**
     * The fault's duration in Toxiproxy's unit (milliseconds; microseconds for a slicer's delay), 0 for a fault
     * without one; throws {@link IllegalArgumentException}, naming the field, if Toxiproxy cannot express it.
     */
    private static long duration(ConnectionFault fault) {
        if (fault instanceof ConnectionFault.ResetPeer reset) {
            return millis("resetPeer.after", reset.after());
        }
        if (fault instanceof ConnectionFault.SlowClose slow) {
            return millis("slowClose.delay", slow.delay());
        }
        if (fault instanceof ConnectionFault.Timeout timeout) {
            return millis("timeout.after", timeout.after());
        }
        if (fault instanceof ConnectionFault.ToxiproxyResetPeer reset) {
            return millis("toxiproxyResetPeer.timeout", reset.timeout());
        }
        if (fault instanceof ConnectionFault.ToxiproxyTimeout timeout) {
            return millis("toxiproxyTimeout.timeout", timeout.timeout());
        }
        if (fault instanceof ConnectionFault.Slicer slicer) {
            return micros("slicer.delay", slicer.delay());
        }
        return 0;
    }

    private static long millis(String field, Duration duration) {
        if (duration.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(field + ": " + duration + " (expected: whole milliseconds, Toxiproxy's unit)");
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
