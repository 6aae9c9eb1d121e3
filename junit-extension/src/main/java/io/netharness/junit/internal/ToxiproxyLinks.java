package io.netharness.junit.internal;

import io.netharness.simulator.Direction;
import io.netharness.simulator.Link;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.toxiproxy.ToxiproxyLink;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Opens links on a real Toxiproxy, with the annotation's faults as toxics in force from the first byte; the only class that names toxiproxy-server's types, loaded only once
 * {@link ToxiproxyBackend} has found them on the class path.
 */
final class ToxiproxyLinks {

    private ToxiproxyLinks() {}

    /** Refuses, with {@link IllegalArgumentException}, a fault no Toxiproxy toxic expresses. */
    static void checkFaults(List<FaultSpec> faults) {
        for (FaultSpec fault : faults) {
            if (fault.direction() == null && fault.onLink()) {
                throw new IllegalArgumentException("fault: " + fault.connectionFault() + " (expected: one a Toxiproxy"
                        + " toxic expresses; a proxy acts on its connections only)");
            }
            ToxiproxyLink.checkFault(fault.connectionFault());
        }
    }

    /**
     * A started proxy named after the link (and a random suffix, as several runs may share one server), leading
     * to {@code target} as the Toxiproxy server resolves it. Characters a URL path would need escaped (the brackets
     * of a parameter's default name {@code test[1]}) become {@code _}, as proxy names are path segments.
     */
    static Link open(ToxiproxyBackend backend, String memberName, InetSocketAddress target, long seed,
            LinkProfile upstream, LinkProfile downstream, List<FaultSpec> faults) {
        ToxiproxyLink.Builder builder = ToxiproxyLink.builder()
                .toxiproxy(backend.api().getHostString(), backend.api().getPort())
                .name("netharness-" + memberName.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
                        + Long.toUnsignedString(Seeds.random(), 36))
                .listen(backend.listen())
                .target(target)
                .seed(seed)
                .upstream(upstream)
                .downstream(downstream);
        for (FaultSpec fault : faults) {
            for (Direction direction : fault.direction() == null ? Direction.values()
                    : new Direction[] {fault.direction()}) {
                builder.fault(direction, fault.connectionFault(), fault.toxicity());
            }
        }
        ToxiproxyLink link = builder.build();
        try {
            return link.start();
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }
}
