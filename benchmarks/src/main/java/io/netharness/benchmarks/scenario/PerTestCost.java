package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import io.netty.channel.EventLoopGroup;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Measurement 5: what one test costs in set-up and tear-down ({@link TestLifecycle}), each lifecycle timed on its
 * own, variants interleaved one lifecycle at a time; median and p99 over all samples of a variant.
 */
public final class PerTestCost {

    private static final int WARMUP = 20;

    private PerTestCost() {
    }

    /** A row of the table: a name and how to open its hop in front of the echo server. */
    record Contender(String name, Function<InetSocketAddress, Hop> hops) {
        static Contender of(Variant variant) {
            return new Contender(variant.name(), target -> Hops.tcp(variant, target, Impairment.NONE));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Contender SHARED_LOOPS = new Contender("NETHARNESS, shared loops", Hops::tcpOnSharedLoops);

    public static Section run(SuiteConfig config) throws Exception {
        List<Contender> contenders = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            contenders.add(Contender.of(variant));
        }
        contenders.add(SHARED_LOOPS);
        EventLoopGroup serverGroup = Loops.newGroup(1);
        Interleaved<Contender> times;
        try {
            times = new Interleaved<>(contenders).run(WARMUP, config.lifecycleSamples(), c -> {
                long start = System.nanoTime();
                if (TestLifecycle.once(c.hops(), serverGroup) != 42) {
                    throw new IllegalStateException(c + " echoed a wrong byte");
                }
                return System.nanoTime() - start;
            });
        } finally {
            Loops.shutdown(serverGroup);
        }
        Section section = new Section("5. Cost per test: start server + hop, connect, one round trip, close both");
        section.header("variant", "median", "p99", "samples", "added median vs direct");
        double direct = Stats.median(times.figures(contenders.get(0)));
        for (Contender contender : contenders) {
            double[] s = times.figures(contender);
            double median = Stats.median(s);
            section.row(contender, Stats.millis(median), Stats.millis(Stats.percentile(99, s)),
                    String.format("%,d", s.length), contender == contenders.get(0) ? "-" : Stats.millis(median - direct));
        }
        section.note(String.format("%,d lifecycles per variant after %d warm-up, interleaved. The echo server binds on"
                + " an event loop group shared across tests, as a test framework would share one; the hop is built,"
                + " started and closed in full each time with its defaults (NetHarness: its own two event loop"
                + " threads; NetCrusher: its own reactor). \"Shared loops\": the link built with"
                + " .eventLoopGroup(Transport.sharedGroup()), so no threads start or stop per test.",
                config.lifecycleSamples(), WARMUP));
        section.goal(Goal.atMost("per-test cost median, link defaults (ms)", 5,
                Stats.median(times.figures(contenders.get(2))) / 1e6, "%.2f"));
        section.goal(Goal.atMost("per-test cost median, link on shared loops (ms)", 5,
                Stats.median(times.figures(SHARED_LOOPS)) / 1e6, "%.2f"));
        return section;
    }
}
