package io.netharness.toxiproxy.internal;

import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.Direction;
import io.netharness.simulator.FaultHandle;
import io.netharness.simulator.TcpLink;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keeps a {@link TcpLink}'s connection faults in step with a proxy's toxics: each Toxiproxy connection toxic
 * and each NetHarness fault toxic ({@link FaultToxicEffects}) becomes one {@link ConnectionFault} with the toxic's
 * toxicity as the share of connections affected. A toxic
 * whose value changed is replaced (its timers restart, as when Toxiproxy re-creates a toxic's stubs).
 *
 * <p>Not thread-safe; its owner serialises calls.
 */
final class TcpFaultToxics {

    private final TcpLink link;
    private final Map<String, Installed> installed = new HashMap<>();

    TcpFaultToxics(TcpLink link) {
        this.link = link;
    }

    /** Adds, replaces and removes faults so that exactly the connection toxics in {@code toxics} are in force. */
    void apply(List<Toxic> toxics) {
        Map<String, Toxic> wanted = new HashMap<>();
        for (Toxic toxic : toxics) {
            if (fault(toxic) != null) {
                wanted.put(toxic.name(), toxic);
            }
        }
        for (Iterator<Installed> it = installed.values().iterator(); it.hasNext(); ) {
            Installed current = it.next();
            if (!current.toxic.equals(wanted.get(current.toxic.name()))) {
                current.handle.remove();
                it.remove();
            }
        }
        for (Toxic toxic : toxics) {
            if (wanted.containsKey(toxic.name()) && !installed.containsKey(toxic.name())) {
                FaultHandle handle = add(toxic);
                installed.put(toxic.name(), new Installed(toxic, handle));
            }
        }
    }

    private FaultHandle add(Toxic toxic) {
        // Toxiproxy stores any toxicity: 1 or more acts on every connection, 0 or less on none.
        double toxicity = Math.max(0.0, Math.min(1.0, toxic.toxicity()));
        if (toxic.type().isFault()) {
            Direction direction = FaultToxicEffects.direction(toxic);
            ConnectionFault fault = FaultToxicEffects.fault(toxic);
            return direction == null ? link.addFault(fault, toxicity) : link.addFault(direction, fault, toxicity);
        }
        return link.addFault(toxic.stream().direction(), fault(toxic), toxicity);
    }

    /** The simulator's fault for a connection or fault toxic, or null for toxics that shape the profile. */
    static ConnectionFault fault(Toxic toxic) {
        if (toxic.type().isFault()) {
            return FaultToxicEffects.fault(toxic);
        }
        // Values out of range are stored as Toxiproxy stores them; their effect is Toxiproxy's: a negative time or
        // byte count acts as zero (a negative timeout as "never", as 0 does).
        switch (toxic.type()) {
            case SLOW_CLOSE:
                return ConnectionFault.slowClose(millis(toxic, "delay"));
            case TIMEOUT:
                // Toxiproxy's own timing (an idle timer, a close on removal), not the simulator's fixed deadline.
                return ConnectionFault.toxiproxyTimeout(millis(toxic, "timeout"));
            case RESET_PEER:
                return ConnectionFault.toxiproxyResetPeer(millis(toxic, "timeout"));
            case LIMIT_DATA:
                return ConnectionFault.limitData(Math.max(0, toxic.longAttribute("bytes")));
            case SLICER:
                // Toxiproxy splits endlessly (and crashes) below an average of 1; variation stays below the average.
                int average = (int) Math.min(Integer.MAX_VALUE, Math.max(1, toxic.longAttribute("average_size")));
                int variation = (int) Math.min(average - 1L, Math.max(0, toxic.longAttribute("size_variation")));
                long micros = Math.min(Long.MAX_VALUE / 1000, Math.max(0, toxic.longAttribute("delay")));
                return ConnectionFault.slicer(average, variation, Duration.ofNanos(micros * 1000));
            default:
                return null;
        }
    }

    private static Duration millis(Toxic toxic, String attribute) {
        return Duration.ofMillis(Math.max(0, toxic.longAttribute(attribute)));
    }

    private record Installed(Toxic toxic, FaultHandle handle) {
    }
}
