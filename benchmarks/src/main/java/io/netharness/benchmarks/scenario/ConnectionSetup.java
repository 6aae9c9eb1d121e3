package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.endpoint.EchoServer;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.NotMeasured;
import io.netharness.benchmarks.lineup.Contender;
import io.netharness.benchmarks.lineup.Contenders;
import io.netharness.benchmarks.lineup.Layout;
import io.netharness.benchmarks.lineup.Lineup;
import io.netharness.benchmarks.lineup.RoundFigures;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Measurement 11: what a new connection costs through each contender of the TCP lineup, into one echo server. Per
 * round and contender: {@code setupSamples} connections one after another, each timed from connect to its first
 * 1-byte echo and then reset (no TIME_WAIT piles up); {@code setupFlood} connections opened at once (at most 256
 * handshakes in flight), for connections per second; and a fresh proxy, started for the round, whose very first
 * connection is timed the same way.
 */
public final class ConnectionSetup {

    private static final int WARMUP = 20;
    private static final Duration FLOOD_TIMEOUT = Duration.ofSeconds(15);

    private ConnectionSetup() {
    }

    public static Section run(SuiteConfig config) throws Exception {
        EventLoopGroup group = Loops.newGroup(1);
        try (EchoServer echo = new EchoServer(group); Lineup lineup = Lineup.open(Contenders.tcp(), echo.address())) {
            Map<Contender, Histogram[]> timed = new LinkedHashMap<>();
            Map<Contender, double[]> perSecond = new LinkedHashMap<>();
            Map<Contender, double[]> first = new LinkedHashMap<>();
            Map<Contender, int[]> echoed = new LinkedHashMap<>();
            for (Contender contender : lineup.measured()) {
                echoed.put(contender, new int[config.rounds()]);
                timed.put(contender, new Histogram[config.rounds()]);
                perSecond.put(contender, new double[config.rounds()]);
                first.put(contender, new double[config.rounds()]);
            }
            for (int round = 0; round < config.rounds(); round++) {
                for (Contender contender : lineup.measured()) {
                    InetSocketAddress via = lineup.address(contender);
                    timed.get(contender)[round] = timedConnections(via, WARMUP, config.setupSamples());
                    Flooded flooded = flood(via, config.setupFlood());
                    perSecond.get(contender)[round] = flooded.perSecond();
                    echoed.get(contender)[round] = flooded.echoed();
                    first.get(contender)[round] = firstAfterStart(contender, echo.address());
                }
            }
            return report(config, lineup, timed, perSecond, first, echoed);
        } finally {
            Loops.shutdown(group);
        }
    }

    /** {@code warmup} connections, then {@code samples} timed from connect to the first echo (nanoseconds). */
    static Histogram timedConnections(InetSocketAddress via, int warmup, int samples) throws IOException {
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        for (int i = -warmup; i < samples; i++) {
            long elapsed = connectAndEcho(via);
            if (i >= 0) {
                histogram.recordValue(elapsed);
            }
        }
        return histogram;
    }

    /** One connection: connect, one byte there and back, reset; returns nanoseconds from connect to the echo. */
    static long connectAndEcho(InetSocketAddress via) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1);
        long start = System.nanoTime();
        try (SocketChannel channel = Sockets.connect(via)) {
            buffer.put(0, (byte) 42);
            Sockets.writeFully(channel, buffer);
            buffer.clear();
            Sockets.readFully(channel, buffer);
            long elapsed = System.nanoTime() - start;
            if (buffer.get(0) != 42) {
                throw new IOException("echo through " + via + " returned " + buffer.get(0) + " (expected: 42)");
            }
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            return elapsed;
        }
    }

    /**
     * Opens {@code count} connections at once; returns how many echoed within the flood's time, and those per second.
     * A proxy that leaves some unanswered (NetCrusher 0.10 under a flood) is reported, not fatal: the rate then
     * counts the whole wait.
     */
    private static Flooded flood(InetSocketAddress via, int count) throws InterruptedException {
        try (ConnectionFlood flood = new ConnectionFlood()) {
            long start = System.nanoTime();
            int established = flood.open(via, count, FLOOD_TIMEOUT);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Flooded(established, established / seconds);
        }
    }

    /** What one flood achieved: connections echoed, and echoed per second. */
    private record Flooded(int echoed, double perSecond) {
    }

    /** Starts a fresh proxy of {@code contender}; returns the nanoseconds its first connection took to echo. */
    private static double firstAfterStart(Contender contender, InetSocketAddress echo) throws IOException {
        try (Hop hop = contender.open(echo)) {
            return connectAndEcho(hop.address());
        } catch (NotMeasured e) {
            throw new IllegalStateException(contender + " started for the lineup but not again: " + e.getMessage(), e);
        }
    }

    private static Section report(SuiteConfig config, Lineup lineup, Map<Contender, Histogram[]> timed,
            Map<Contender, double[]> perSecond, Map<Contender, double[]> first, Map<Contender, int[]> echoed) {
        RoundFigures p50 = percentile(lineup, timed, 50);
        RoundFigures p99 = percentile(lineup, timed, 99);
        RoundFigures firsts = new RoundFigures(lineup, first::get);
        RoundFigures rates = new RoundFigures(lineup, perSecond::get);
        Section section = new Section("11. Connection set-up: connect plus first round trip, connections per second");
        section.header("variant", "runs in", "p50", "p99", "added p50", "added p99", "first after start (median)",
                "first after start (max)", "connections/s", "vs NetCrusher", "echoed at once (worst round)");
        for (Contender c : lineup.all()) {
            if (lineup.skipped(c) != null) {
                section.row(c, c.layout().label(), lineup.skipped(c), "", "", "", "", "", "", "", "");
                continue;
            }
            boolean direct = c.equals(lineup.direct());
            section.row(c, c.layout().label(), Stats.millis(p50.median(c)), Stats.millis(p99.median(c)),
                    direct ? "-" : Stats.millis(p50.difference(c, lineup.direct())),
                    direct ? "-" : Stats.millis(p99.difference(c, lineup.direct())),
                    Stats.millis(firsts.median(c)), Stats.millis(Stats.max(firsts.of(c))),
                    String.format("%,.0f", rates.median(c)),
                    lineup.netCrusherFor(c).map(n -> Stats.ratio(rates.ratio(c, n))).orElse("-"),
                    String.format("%,d of %,d", java.util.Arrays.stream(echoed.get(c)).min().orElseThrow(),
                            config.setupFlood()));
        }
        section.note(String.format("%d rounds; per round and variant %,d connections one after another (after %d"
                        + " warm-up), each timed from connect to its first 1-byte echo and then reset; %,d"
                        + " connections opened at once (at most %d handshakes in flight), counted once echoed within %d s; and"
                        + " a fresh proxy started for the round (serve --link: a fresh process; the API proxy and"
                        + " standalone NetCrusher: a fresh proxy in their running process), its first connection timed"
                        + " the same way (\"first after start\"). Blocking JDK client, Netty epoll echo server.",
                config.rounds(), config.setupSamples(), WARMUP, config.setupFlood(), ConnectionFlood.IN_FLIGHT,
                FLOOD_TIMEOUT.toSeconds()));
        for (Layout layout : List.of(Layout.IN_PROCESS, Layout.STANDALONE)) {
            String where = layout == Layout.IN_PROCESS ? "in-process" : "standalone";
            List<Contender> links = lineup.netHarness(layout);
            if (links.isEmpty()) {
                section.goal(Goal.notMeasured("connection set-up added p50, " + where, "<= 0.300 ms", "not started"));
                continue;
            }
            section.goal(Goal.atMost("connection set-up added p50, " + where + " (ms)", 0.3, links.stream()
                    .mapToDouble(c -> p50.difference(c, lineup.direct())).max().orElseThrow() / 1e6, "%.3f"));
            section.goal(Goal.atMost("first connection after start, " + where + " (ms)", 5, links.stream()
                    .mapToDouble(firsts::median).max().orElseThrow() / 1e6, "%.2f"));
        }
        return section;
    }

    private static RoundFigures percentile(Lineup lineup, Map<Contender, Histogram[]> timed, double percentile) {
        return new RoundFigures(lineup, c -> java.util.Arrays.stream(timed.get(c))
                .mapToDouble(h -> h.getValueAtPercentile(percentile)).toArray());
    }
}
