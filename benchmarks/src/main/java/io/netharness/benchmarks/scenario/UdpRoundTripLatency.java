package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.endpoint.UdpEchoServer;
import io.netharness.benchmarks.lineup.Contender;
import io.netharness.benchmarks.lineup.Contenders;
import io.netharness.benchmarks.lineup.Lineup;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.lineup.RoundFigures;
import io.netharness.benchmarks.report.Stats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measurement 10: round trip of a 64-byte datagram through each contender of the UDP lineup (both layouts and the C
 * relay floor) into one UDP echo server, one datagram in flight; as measurement 2, interleaved round by round.
 */
public final class UdpRoundTripLatency {

    private UdpRoundTripLatency() {
    }

    public static Section run(SuiteConfig config) throws IOException {
        Section section = new Section("10. Added round-trip latency, 64-byte UDP datagrams");
        try (UdpEchoServer echo = new UdpEchoServer(); Lineup lineup = Lineup.open(Contenders.udp(), echo.address())) {
            RoundTripTable table = new RoundTripTable(lineup);
            Map<Contender, double[]> first = new LinkedHashMap<>();
            lineup.measured().forEach(c -> first.put(c, new double[config.rounds()]));
            for (int round = 0; round < config.rounds(); round++) {
                for (Contender contender : lineup.measured()) {
                    first.get(contender)[round] = firstAfterStart(contender, echo.address());
                    try {
                        table.record(contender, UdpRoundTrips.measure(lineup.address(contender), config.pingWarmup(),
                                config.pingSamples()));
                    } catch (IOException e) {
                        throw new IOException(contender + " (" + contender.layout().label() + "): " + e.getMessage(), e);
                    }
                }
            }
            table.rows(section);
            table.goals(section, "UDP round trip");
            firstRows(section, lineup, new RoundFigures(lineup, first::get));
        }
        section.note(String.format("%d rounds x %,d round trips (after %,d warm-up) per variant from a fresh socket"
                        + " (a fresh session in the proxy), medians over rounds; blocking JDK client and echo thread"
                        + " in the suite's JVM, threads placed by the scheduler; each proxy started once for the"
                        + " measurement. First datagram after start: per round, a fresh proxy (serve --link: a fresh"
                        + " process; the API proxy and standalone NetCrusher: a fresh proxy in their running process),"
                        + " the round trip of the first datagram sent through it.", config.rounds(),
                config.pingSamples(), config.pingWarmup()));
        return section;
    }

    /** Starts a fresh proxy of {@code contender}; returns the round trip of the first datagram through it. */
    private static double firstAfterStart(Contender contender, InetSocketAddress echo) throws IOException {
        try (Hop hop = contender.open(echo)) {
            return UdpRoundTrips.measure(hop.address(), 0, 1).getMaxValue();
        } catch (IOException e) {
            throw new IOException(contender + " (" + contender.layout().label() + "), first datagram: "
                    + e.getMessage(), e);
        }
    }

    private static void firstRows(Section section, Lineup lineup, RoundFigures first) {
        section.note("The first datagram through a freshly started proxy:");
        section.header("variant", "runs in", "first datagram after start (median)", "max");
        for (Contender c : lineup.measured()) {
            section.row(c, c.layout().label(), Stats.millis(first.median(c)), Stats.millis(Stats.max(first.of(c))));
        }
    }
}
