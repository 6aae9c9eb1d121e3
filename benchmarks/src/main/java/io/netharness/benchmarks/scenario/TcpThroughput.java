package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.endpoint.DiscardServer;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.lineup.Contender;
import io.netharness.benchmarks.lineup.Contenders;
import io.netharness.benchmarks.lineup.Layout;
import io.netharness.benchmarks.lineup.Lineup;
import io.netharness.benchmarks.lineup.RoundFigures;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

/**
 * Measurement 1: unimpaired TCP bulk throughput, both layouts and the C relay floors in one lineup. Each round moves
 * {@code tcpBytes} over a fresh connection through every contender in turn ({@link Interleaved}); throughput is
 * bytes over the time from the first write to the last byte read by the sink. Ratios are taken within a round,
 * then the median over rounds.
 */
public final class TcpThroughput {

    static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final int CHUNK = 64 * 1024;

    private TcpThroughput() {
    }

    /** One transfer of {@code bytes} through a fresh hop of {@code variant}; returns bytes per second. */
    static double once(Variant variant, Impairment impairment, long bytes) throws Exception {
        try (TcpBulkTransfer transfer = new TcpBulkTransfer(variant, impairment)) {
            return bytes * 1e9 / transfer.transfer(bytes, TIMEOUT);
        }
    }

    /** One transfer of {@code bytes} to {@code sink} over a fresh connection to {@code via}; returns bytes per second. */
    public static double once(DiscardServer sink, InetSocketAddress via, long bytes) throws Exception {
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
        try (SocketChannel channel = Sockets.connect(via)) {
            DiscardServer.Arrival arrival = sink.expect(bytes);
            long start = System.nanoTime();
            for (long left = bytes; left > 0; left -= chunk.limit()) {
                chunk.clear().limit((int) Math.min(CHUNK, left));
                Sockets.writeFully(channel, chunk);
            }
            return bytes * 1e9 / (arrival.await(TIMEOUT) - start);
        }
    }

    public static Section run(SuiteConfig config) throws Exception {
        EventLoopGroup group = Loops.newGroup(1);
        try (DiscardServer sink = new DiscardServer(group); Lineup lineup = Lineup.open(Contenders.tcp(), sink.address())) {
            Interleaved<Contender> rates = new Interleaved<>(lineup.measured())
                    .run(1, config.rounds(), c -> once(sink, lineup.address(c), config.tcpBytes()));
            return report(config, new RoundFigures(lineup, rates::figures));
        } finally {
            Loops.shutdown(group);
        }
    }

    private static Section report(SuiteConfig config, RoundFigures rates) {
        Lineup lineup = rates.lineup();
        Section section = new Section("1. TCP bulk throughput, unimpaired");
        section.header("variant", "runs in", "throughput (median)", "min", "max", "vs direct", "vs NetCrusher",
                "vs best C relay");
        for (Contender c : lineup.all()) {
            if (lineup.skipped(c) != null) {
                section.row(c, c.layout().label(), lineup.skipped(c), "", "", "", "", "");
                continue;
            }
            double[] r = rates.of(c);
            section.row(c, c.layout().label(), Stats.mibPerSecond(Stats.median(r)), Stats.mibPerSecond(Stats.min(r)),
                    Stats.mibPerSecond(Stats.max(r)), Stats.ratio(rates.ratio(c, lineup.direct())),
                    lineup.netCrusherFor(c).map(n -> Stats.ratio(rates.ratio(c, n))).orElse("-"),
                    rates.ratioToBestFloor(c).map(Stats::ratio).orElse("-"));
        }
        section.note(String.format("%d rounds (after 1 warm-up round), each moving %d MiB through every variant in"
                        + " turn (%.2f GiB measured per variant) over a fresh connection; ratios within a round,"
                        + " medians over rounds. Blocking JDK sender and Netty epoll sink in the suite's JVM; each"
                        + " proxy started once for the measurement. \"vs NetCrusher\": NetCrusher in the same layout"
                        + " (the C relays: the standalone one); \"vs best C relay\": the faster C relay of the same"
                        + " round.", config.rounds(), config.tcpBytes() >> 20,
                config.rounds() * config.tcpBytes() / (double) (1L << 30)));
        for (Layout layout : List.of(Layout.IN_PROCESS, Layout.STANDALONE)) {
            goals(section, rates, layout);
        }
        return section;
    }

    private static void goals(Section section, RoundFigures rates, Layout layout) {
        Lineup lineup = rates.lineup();
        String where = layout == Layout.IN_PROCESS ? "in-process" : "standalone";
        List<Contender> links = lineup.netHarness(layout);
        if (links.isEmpty()) {
            section.goal(Goal.notMeasured("TCP throughput vs best C relay, " + where, ">= 0.95x", "not started"));
            return;
        }
        // Standalone has two NetHarness rows (serve --link, an API proxy): the goal holds for the worse one.
        double floorRatio = links.stream().mapToDouble(c -> rates.ratioToBestFloor(c).orElse(Double.NaN)).min()
                .orElseThrow();
        if (Double.isNaN(floorRatio)) {
            section.goal(Goal.notMeasured("TCP throughput vs best C relay, " + where, ">= 0.95x",
                    lineup.whyNoFloor()));
        } else {
            section.goal(Goal.atLeast("TCP throughput vs best C relay, " + where, 0.95, floorRatio, "%.2fx"));
        }
        lineup.netCrusherFor(links.get(0)).ifPresent(crusher -> section.goal(Goal.atLeast(
                "TCP throughput vs NetCrusher, " + where, 1.0,
                links.stream().mapToDouble(c -> rates.ratio(c, crusher)).min().orElseThrow(), "%.2fx")));
    }
}
