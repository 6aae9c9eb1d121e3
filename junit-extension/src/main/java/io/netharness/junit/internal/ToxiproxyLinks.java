package io.netharness.junit.internal;

import io.netharness.simulator.LinkProfile;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.SimulatedLink;
import io.netharness.toxiproxy.ToxiproxyLink;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Opens links on a real Toxiproxy; the only class that names toxiproxy-server's types, loaded only once
 * {@link ToxiproxyBackend} has found them on the class path.
 */
final class ToxiproxyLinks {

    private ToxiproxyLinks() {}

    /** Adds the annotation's connection faults to a link {@link #open} made, as Toxiproxy's connection toxics. */
    static void addFaults(SimulatedLink link, List<FaultSpec> faults) {
        ToxiproxyLink proxy = (ToxiproxyLink) link;
        faults.forEach(fault -> proxy.addFault(fault.direction(), fault.fault(), fault.toxicity()));
    }

    /**
     * A started proxy named after the link (and a random suffix, as several runs may share one server), leading
     * to {@code target} as the Toxiproxy server resolves it. Characters a URL path would need escaped (the brackets
     * of a parameter's default name {@code test[1]}) become {@code _}, as proxy names are path segments.
     */
    static SimulatedLink open(ToxiproxyBackend backend, String memberName, InetSocketAddress target, long seed,
            LinkProfile upstream, LinkProfile downstream) {
        ToxiproxyLink link = ToxiproxyLink.builder()
                .toxiproxy(backend.api().getHostString(), backend.api().getPort())
                .name("netharness-" + memberName.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
                        + Long.toUnsignedString(Seeds.random(), 36))
                .listen(backend.listen())
                .target(target)
                .seed(seed)
                .upstream(upstream)
                .downstream(downstream)
                .build();
        try {
            return link.start();
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }
}
