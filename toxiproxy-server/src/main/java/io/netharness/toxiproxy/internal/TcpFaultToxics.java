package io.netharness.toxiproxy.internal;

import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.FaultHandle;
import io.netharness.simulator.TcpLink;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keeps a {@link TcpLink}'s connection faults in step with a proxy's toxics: each Toxiproxy connection toxic
 * becomes one {@link ConnectionFault} with the toxic's toxicity as the share of connections affected. A toxic
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
                FaultHandle handle = link.addFault(toxic.stream().direction(), fault(toxic), toxic.toxicity());
                installed.put(toxic.name(), new Installed(toxic, handle));
            }
        }
    }

    /** The simulator's fault for a Toxiproxy connection toxic, or null for toxics that shape the profile. */
    static ConnectionFault fault(Toxic toxic) {
        switch (toxic.type()) {
            case SLOW_CLOSE:
                return ConnectionFault.slowClose(Duration.ofMillis(toxic.longAttribute("delay")));
            case TIMEOUT:
                // Toxiproxy's own timing (an idle timer, a close on removal), not the simulator's fixed deadline.
                return ConnectionFault.toxiproxyTimeout(Duration.ofMillis(toxic.longAttribute("timeout")));
            case RESET_PEER:
                return ConnectionFault.toxiproxyResetPeer(Duration.ofMillis(toxic.longAttribute("timeout")));
            case LIMIT_DATA:
                return ConnectionFault.limitData(toxic.longAttribute("bytes"));
            case SLICER:
                return ConnectionFault.slicer((int) toxic.longAttribute("average_size"),
                        (int) toxic.longAttribute("size_variation"),
                        Duration.ofNanos(Math.multiplyExact(toxic.longAttribute("delay"), 1000L)));
            default:
                return null;
        }
    }

    private record Installed(Toxic toxic, FaultHandle handle) {
    }
}
