package io.netharness.benchmarks.experiment;

import io.netharness.benchmarks.endpoint.DiscardServer;
import io.netharness.benchmarks.endpoint.EchoServer;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.ServeHop;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.lineup.Contender;
import io.netharness.benchmarks.lineup.Contenders;
import io.netharness.benchmarks.lineup.Layout;
import io.netharness.benchmarks.lineup.Lineup;
import io.netharness.benchmarks.lineup.Role;
import io.netharness.benchmarks.lineup.RoundFigures;
import io.netharness.benchmarks.report.Stats;
import io.netharness.benchmarks.scenario.Interleaved;
import io.netharness.benchmarks.scenario.TcpRoundTrips;
import io.netharness.benchmarks.scenario.TcpThroughput;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * This build against one or more others (each a label and a class path), side by side in one run: TCP bulk
 * throughput and 1-byte round trips through a TcpLink in this JVM and through {@code serve --no-api --link} in a
 * process of its own, each build's, interleaved with direct loopback round by round. Prints medians over rounds and each build's ratio to
 * direct in the same round.
 *
 * <pre>{@code
 * java -cp benchmarks.jar io.netharness.benchmarks.experiment.BuildComparison LABEL CLASSPATH [LABEL CLASSPATH ...]
 *     [rounds] [MiB]
 * }</pre>
 */
public final class BuildComparison {

    private static final int WARMUP = 5_000;
    private static final int SAMPLES = 20_000;

    private BuildComparison() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> builds = new LinkedHashMap<>();
        int at = 0;
        while (at < args.length && !args[at].matches("[0-9]+")) {
            if (at + 1 >= args.length) {
                throw new IllegalArgumentException("build " + args[at] + " has no class path (arguments: LABEL"
                        + " CLASSPATH [LABEL CLASSPATH ...] [rounds] [MiB])");
            }
            builds.put(args[at], args[at + 1]);
            at += 2;
        }
        if (builds.isEmpty()) {
            throw new IllegalArgumentException("arguments: LABEL CLASSPATH [LABEL CLASSPATH ...] [rounds] [MiB] (got "
                    + args.length + ")");
        }
        int rounds = at < args.length ? Integer.parseInt(args[at]) : 5;
        long bytes = (at + 1 < args.length ? Long.parseLong(args[at + 1]) : 256) << 20;
        List<OtherBuild> others = new ArrayList<>();
        try {
            List<Contender> inProcess = new ArrayList<>(List.of(Contenders.DIRECT,
                    new Contender("TcpLink, this build", Layout.IN_PROCESS, Role.NETHARNESS,
                            t -> Hops.tcp(Variant.NETHARNESS, t, Impairment.NONE))));
            List<Contender> standalone = new ArrayList<>(List.of(new Contender("serve --link, this build",
                    Layout.STANDALONE, Role.NETHARNESS, t -> ServeHop.start(ServeHop.Kind.LINK, false, t))));
            builds.forEach((label, classPath) -> {
                OtherBuild other = new OtherBuild(classPath);
                others.add(other);
                inProcess.add(new Contender("TcpLink, " + label, Layout.IN_PROCESS, Role.NETHARNESS, other::tcpLink));
                standalone.add(new Contender("serve --link, " + label, Layout.STANDALONE, Role.NETHARNESS,
                        t -> ServeHop.start(ServeHop.Kind.LINK, false, t, classPath)));
            });
            List<Contender> contenders = new ArrayList<>(inProcess);
            contenders.addAll(standalone);
            bulk(contenders, rounds, bytes);
            roundTrips(contenders, rounds);
        } finally {
            for (OtherBuild other : others) {
                other.close();
            }
        }
        System.exit(0);
    }

    private static void bulk(List<Contender> contenders, int rounds, long bytes) throws Exception {
        EventLoopGroup group = Loops.newGroup(1);
        try (DiscardServer sink = new DiscardServer(group); Lineup lineup = Lineup.open(contenders, sink.address())) {
            Interleaved<Contender> rates = new Interleaved<>(lineup.measured())
                    .run(1, rounds, c -> TcpThroughput.once(sink, lineup.address(c), bytes));
            RoundFigures figures = new RoundFigures(lineup, rates::figures);
            System.out.printf("%nTCP bulk, %d MiB per transfer, %d rounds after 1 warm-up:%n", bytes >> 20, rounds);
            System.out.println("| variant | runs in | median | min | max | vs direct (median of rounds) |");
            System.out.println("|---|---|---|---|---|---|");
            for (Contender c : lineup.measured()) {
                double[] r = figures.of(c);
                System.out.printf("| %s | %s | %s | %s | %s | %s |%n", c, c.layout().label(),
                        Stats.mibPerSecond(Stats.median(r)), Stats.mibPerSecond(Stats.min(r)),
                        Stats.mibPerSecond(Stats.max(r)), Stats.ratio(figures.ratio(c, lineup.direct())));
            }
        } finally {
            Loops.shutdown(group);
        }
    }

    private static void roundTrips(List<Contender> contenders, int rounds) throws Exception {
        EventLoopGroup group = Loops.newGroup(1);
        try (EchoServer echo = new EchoServer(group); Lineup lineup = Lineup.open(contenders, echo.address())) {
            Map<Contender, double[][]> perRound = new LinkedHashMap<>();
            lineup.measured().forEach(c -> perRound.put(c, new double[2][rounds]));
            for (int round = 0; round < rounds; round++) {
                for (Contender c : lineup.measured()) {
                    Histogram h = TcpRoundTrips.measure(lineup.address(c), WARMUP, SAMPLES);
                    perRound.get(c)[0][round] = h.getValueAtPercentile(50);
                    perRound.get(c)[1][round] = h.getValueAtPercentile(99);
                }
            }
            RoundFigures p50 = new RoundFigures(lineup, c -> perRound.get(c)[0]);
            RoundFigures p99 = new RoundFigures(lineup, c -> perRound.get(c)[1]);
            System.out.printf("%n1-byte round trips, %d rounds x %,d after %,d warm-up:%n", rounds, SAMPLES, WARMUP);
            System.out.println("| variant | runs in | p50 | p99 | added p50 | added p99 |");
            System.out.println("|---|---|---|---|---|---|");
            for (Contender c : lineup.measured()) {
                boolean direct = c.equals(lineup.direct());
                System.out.printf("| %s | %s | %s | %s | %s | %s |%n", c, c.layout().label(),
                        Stats.micros(p50.median(c)), Stats.micros(p99.median(c)),
                        direct ? "-" : Stats.micros(p50.difference(c, lineup.direct())),
                        direct ? "-" : Stats.micros(p99.difference(c, lineup.direct())));
            }
        } finally {
            Loops.shutdown(group);
        }
    }
}
