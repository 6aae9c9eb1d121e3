package io.netharness.benchmarks.lineup;

import io.netharness.benchmarks.hop.CRelay;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.ServeHop;
import io.netharness.benchmarks.hop.Variant;
import java.util.List;

/**
 * The lineups of the measurements: direct, the C relay floors, and NetCrusher and NetHarness in both layouts,
 * each proxy with its defaults. Standalone, NetCrusher runs in a JVM of its own ({@link HopHost}) and NetHarness
 * as {@code serve}, both started with the same JVM options ({@code ChildJvm.PROXY_OPTIONS}): a {@code serve
 * --no-api --link} started for the measurement, and a proxy created through the API of a serve that, like the
 * NetCrusher JVM, runs for the whole suite ({@link SharedProxies}).
 */
public final class Contenders {

    public static final Contender DIRECT = new Contender("DIRECT", Layout.NONE, Role.DIRECT,
            target -> Hops.tcp(Variant.DIRECT, target, Impairment.NONE));

    private Contenders() {
    }

    /** Every TCP contender, in the order a round runs them. */
    public static List<Contender> tcp() {
        return List.of(DIRECT,
                new Contender("C RELAY copy", Layout.STANDALONE, Role.FLOOR, t -> CRelay.start(CRelay.Mode.COPY, t)),
                new Contender("C RELAY splice", Layout.STANDALONE, Role.FLOOR,
                        t -> CRelay.start(CRelay.Mode.SPLICE, t)),
                new Contender("NETCRUSHER", Layout.IN_PROCESS, Role.NETCRUSHER,
                        t -> Hops.tcp(Variant.NETCRUSHER, t, Impairment.NONE)),
                new Contender("NETHARNESS TcpLink", Layout.IN_PROCESS, Role.NETHARNESS,
                        t -> Hops.tcp(Variant.NETHARNESS, t, Impairment.NONE)),
                new Contender("NETCRUSHER", Layout.STANDALONE, Role.NETCRUSHER,
                        t -> SharedProxies.netCrusher(false, t)),
                new Contender("NETHARNESS serve --link", Layout.STANDALONE, Role.NETHARNESS,
                        t -> ServeHop.start(ServeHop.Kind.LINK, false, t)),
                new Contender("NETHARNESS serve API proxy", Layout.STANDALONE, Role.NETHARNESS,
                        t -> SharedProxies.apiProxy(false, t)));
    }

    /** Every UDP contender, in the order a round runs them. */
    public static List<Contender> udp() {
        return List.of(new Contender("DIRECT", Layout.NONE, Role.DIRECT,
                        target -> Hops.udp(Variant.DIRECT, target, Impairment.NONE)),
                new Contender("C RELAY GSO", Layout.STANDALONE, Role.FLOOR, t -> CRelay.start(CRelay.Mode.UDP, t)),
                new Contender("NETCRUSHER", Layout.IN_PROCESS, Role.NETCRUSHER,
                        t -> Hops.udp(Variant.NETCRUSHER, t, Impairment.NONE)),
                new Contender("NETHARNESS UdpLink", Layout.IN_PROCESS, Role.NETHARNESS,
                        t -> Hops.udp(Variant.NETHARNESS, t, Impairment.NONE)),
                new Contender("NETCRUSHER", Layout.STANDALONE, Role.NETCRUSHER,
                        t -> SharedProxies.netCrusher(true, t)),
                new Contender("NETHARNESS serve --link", Layout.STANDALONE, Role.NETHARNESS,
                        t -> ServeHop.start(ServeHop.Kind.LINK, true, t)),
                new Contender("NETHARNESS serve API proxy", Layout.STANDALONE, Role.NETHARNESS,
                        t -> SharedProxies.apiProxy(true, t)));
    }
}
