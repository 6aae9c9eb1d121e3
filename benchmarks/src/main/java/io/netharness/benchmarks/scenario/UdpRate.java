package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.endpoint.UdpReceiver;
import io.netharness.benchmarks.endpoint.UdpSender;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
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
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measurement 3: 64-byte datagrams from one sender through each contender of the UDP lineup (both layouts and the C
 * relay floor) to one receiver, at a fixed offered rate of 100k/s and as fast as the sender can go. Delivered =
 * counted by the receiver after a drain period; lost = sent - delivered. Contenders interleaved per round, a fresh
 * sender socket (so a fresh session in the proxy) per run; medians over rounds.
 */
public final class UdpRate {

    static final long OFFERED_PER_SECOND = 100_000;
    private static final int DATAGRAM_BYTES = 64;
    private static final Duration DRAIN = Duration.ofMillis(300);

    /** One run: what was sent and what arrived, over the send time. */
    record Run(long sent, long delivered, double seconds) {
        double deliveredPerSecond() {
            return delivered / seconds;
        }

        double sentPerSecond() {
            return sent / seconds;
        }

        double lossFraction() {
            return sent == 0 ? 0 : Math.max(0, sent - delivered) / (double) sent;
        }
    }

    private UdpRate() {
    }

    public static Section run(SuiteConfig config) throws Exception {
        try (UdpReceiver receiver = UdpReceiver.counting();
             Lineup lineup = Lineup.open(Contenders.udp(), receiver.address())) {
            Map<Contender, Run[]> paced = new LinkedHashMap<>();
            Map<Contender, Run[]> max = new LinkedHashMap<>();
            for (Contender contender : lineup.measured()) {
                paced.put(contender, new Run[config.rounds()]);
                max.put(contender, new Run[config.rounds()]);
            }
            for (int round = 0; round < config.rounds(); round++) {
                for (Contender contender : lineup.measured()) {
                    InetSocketAddress via = lineup.address(contender);
                    paced.get(contender)[round] = once(receiver, via, OFFERED_PER_SECOND, config.udpDuration());
                    max.get(contender)[round] = once(receiver, via, 0, config.udpDuration());
                }
            }
            return report(config, lineup, paced, max);
        }
    }

    /** One run through a fresh hop of {@code variant} to a fresh receiver. */
    static Run once(Variant variant, long perSecond, Duration duration) throws InterruptedException {
        try (UdpReceiver receiver = UdpReceiver.counting();
             Hop hop = Hops.udp(variant, receiver.address(), Impairment.NONE)) {
            return once(receiver, hop.address(), perSecond, duration);
        }
    }

    /** One run from a fresh sender socket to {@code via}, counted by {@code receiver} (perSecond 0: at full blast). */
    static Run once(UdpReceiver receiver, InetSocketAddress via, long perSecond, Duration duration)
            throws InterruptedException {
        long before = receiver.received();
        try (UdpSender sender = new UdpSender(via, DATAGRAM_BYTES)) {
            long start = System.nanoTime();
            long sent = sender.send(perSecond, duration);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Run(sent, drained(receiver, before, sent), seconds);
        }
    }

    /**
     * Waits until everything sent has arrived, or until nothing more has arrived for {@link #DRAIN} after the first
     * datagram did (a proxy on a busy machine may take a while to deliver its first); at most {@code 10 x DRAIN}.
     */
    private static long drained(UdpReceiver receiver, long before, long sent) throws InterruptedException {
        long deadline = System.nanoTime() + 10 * DRAIN.toNanos();
        long last = -1;
        long now = receiver.received() - before;
        while (now < sent && (now != last || now == 0) && System.nanoTime() < deadline) {
            last = now;
            Thread.sleep(DRAIN.toMillis());
            now = receiver.received() - before;
        }
        return Math.min(now, sent);
    }

    private static Section report(SuiteConfig config, Lineup lineup, Map<Contender, Run[]> paced,
            Map<Contender, Run[]> max) {
        RoundFigures delivered = new RoundFigures(lineup, c -> figures(max.get(c), Run::deliveredPerSecond));
        Section section = new Section("3. UDP datagrams per second, 64-byte datagrams");
        section.header("variant", "runs in", "paced 100k/s: sent/s", "delivered/s", "lost", "max: sent/s",
                "max: delivered/s", "lost", "max vs direct", "max vs NetCrusher", "max vs C relay");
        for (Contender c : lineup.all()) {
            if (lineup.skipped(c) != null) {
                section.row(c, c.layout().label(), lineup.skipped(c), "", "", "", "", "", "", "", "");
                continue;
            }
            Run[] f = paced.get(c);
            Run[] m = max.get(c);
            section.row(c, c.layout().label(),
                    String.format("%,.0f", Stats.median(figures(f, Run::sentPerSecond))),
                    String.format("%,.0f", Stats.median(figures(f, Run::deliveredPerSecond))),
                    String.format("%.2f%%", 100 * Stats.median(figures(f, Run::lossFraction))),
                    String.format("%,.0f", Stats.median(figures(m, Run::sentPerSecond))),
                    String.format("%,.0f", delivered.median(c)),
                    String.format("%.1f%%", 100 * Stats.median(figures(m, Run::lossFraction))),
                    Stats.ratio(delivered.ratio(c, lineup.direct())),
                    lineup.netCrusherFor(c).map(n -> Stats.ratio(delivered.ratio(c, n))).orElse("-"),
                    delivered.ratioToBestFloor(c).map(Stats::ratio).orElse("-"));
        }
        section.note(String.format("%d rounds of %d ms per rate and variant, medians; one blocking sender thread"
                        + " (a fresh socket per run), one receiver thread (4 MiB SO_RCVBUF) in the suite's JVM; each"
                        + " proxy started once for the measurement.", config.rounds(),
                config.udpDuration().toMillis()));
        Contender link = lineup.netHarness(Layout.IN_PROCESS).stream().findFirst().orElse(null);
        if (link != null) {
            section.goal(Goal.atLeast("UDP max delivered vs direct, in-process", 0.8,
                    delivered.ratio(link, lineup.direct()), "%.2fx"));
        }
        for (Layout layout : List.of(Layout.IN_PROCESS, Layout.STANDALONE)) {
            String where = layout == Layout.IN_PROCESS ? "in-process" : "standalone";
            List<Contender> links = lineup.netHarness(layout);
            if (links.isEmpty()) {
                section.goal(Goal.notMeasured("UDP loss at 100k/s offered, " + where, "0", "not started"));
                continue;
            }
            double lost = links.stream().mapToDouble(c -> Stats.median(figures(paced.get(c), Run::lossFraction)))
                    .max().orElseThrow();
            section.goal(new Goal("UDP loss at 100k/s offered, " + where, "0", String.format("%.3f%%", 100 * lost),
                    lost == 0));
            lineup.netCrusherFor(links.get(0)).ifPresent(crusher -> {
                double worst = links.stream().mapToDouble(c -> delivered.ratio(c, crusher)).min().orElseThrow();
                Double floor = lineup.floors().isEmpty() ? null
                        : lineup.floors().stream().mapToDouble(f -> delivered.ratio(f, crusher)).max().orElseThrow();
                section.goal(Goal.atLeastOrNearFloor("UDP max delivered vs NetCrusher, " + where, 2.0, worst, floor,
                        "%.2fx"));
            });
        }
        return section;
    }

    private static double[] figures(Run[] runs, java.util.function.ToDoubleFunction<Run> figure) {
        double[] values = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            values[i] = figure.applyAsDouble(runs[i]);
        }
        return values;
    }
}
