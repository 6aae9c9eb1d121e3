package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.endpoint.UdpReceiver;
import io.netharness.benchmarks.endpoint.UdpSender;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.NotMeasured;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Measurement 3: 64-byte datagrams from one sender through each hop to one receiver, at a fixed offered
 * rate of 100k/s and as fast as the sender can go. Delivered = counted by the receiver after a drain
 * period; lost = sent - delivered. Variants interleaved per round; medians over rounds.
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

        double lossFraction() {
            return sent == 0 ? 0 : Math.max(0, sent - delivered) / (double) sent;
        }
    }

    private UdpRate() {
    }

    public static Section run(SuiteConfig config) throws InterruptedException {
        Map<Variant, Run[]> fixed = new EnumMap<>(Variant.class);
        Map<Variant, Run[]> max = new EnumMap<>(Variant.class);
        Map<Variant, String> skipped = new EnumMap<>(Variant.class);
        for (int round = 0; round < config.rounds(); round++) {
            for (Variant variant : Variant.values()) {
                if (skipped.containsKey(variant)) {
                    continue;
                }
                try {
                    fixed.computeIfAbsent(variant, v -> new Run[config.rounds()])[round] =
                            once(variant, OFFERED_PER_SECOND, config.udpDuration());
                    max.computeIfAbsent(variant, v -> new Run[config.rounds()])[round] =
                            once(variant, 0, config.udpDuration());
                } catch (NotMeasured e) {
                    skipped.put(variant, e.getMessage());
                }
            }
        }
        return report(config, fixed, max, skipped);
    }

    static Run once(Variant variant, long perSecond, Duration duration) throws InterruptedException {
        try (UdpReceiver receiver = UdpReceiver.counting();
             Hop hop = Hops.udp(variant, receiver.address(), Impairment.NONE);
             UdpSender sender = new UdpSender(hop.address(), DATAGRAM_BYTES)) {
            long start = System.nanoTime();
            long sent = sender.send(perSecond, duration);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Run(sent, drained(receiver, sent), seconds);
        }
    }

    /**
     * Waits until everything sent has arrived, or until nothing more has arrived for {@link #DRAIN} after the first
     * datagram did (a proxy on a busy machine may take a while to deliver its first); at most {@code 10 x DRAIN}.
     */
    private static long drained(UdpReceiver receiver, long sent) throws InterruptedException {
        long deadline = System.nanoTime() + 10 * DRAIN.toNanos();
        long last = -1;
        long now = receiver.received();
        while (now < sent && (now != last || now == 0) && System.nanoTime() < deadline) {
            last = now;
            Thread.sleep(DRAIN.toMillis());
            now = receiver.received();
        }
        return now;
    }

    private static Section report(SuiteConfig config, Map<Variant, Run[]> fixed, Map<Variant, Run[]> max,
                                  Map<Variant, String> skipped) {
        Section section = new Section("3. UDP datagrams per second, 64-byte datagrams");
        section.header("variant", "paced 100k/s: sent/s", "delivered/s", "lost", "max: sent/s", "max: delivered/s",
                "lost", "max vs direct");
        double directMax = Stats.median(deliveredPerSecond(max.get(Variant.DIRECT)));
        for (Variant variant : Variant.values()) {
            if (skipped.containsKey(variant)) {
                section.row(variant, skipped.get(variant), "", "", "", "", "", "");
                continue;
            }
            Run[] f = fixed.get(variant);
            Run[] m = max.get(variant);
            double maxDelivered = Stats.median(deliveredPerSecond(m));
            section.row(variant,
                    String.format("%,.0f", Stats.median(sentPerSecond(f))),
                    String.format("%,.0f", Stats.median(deliveredPerSecond(f))),
                    String.format("%.2f%%", 100 * Stats.median(loss(f))),
                    String.format("%,.0f", Stats.median(sentPerSecond(m))),
                    String.format("%,.0f", maxDelivered),
                    String.format("%.1f%%", 100 * Stats.median(loss(m))),
                    Stats.ratio(maxDelivered / directMax));
        }
        section.note(String.format("%d rounds of %d ms per rate and variant, medians; one blocking sender"
                        + " thread, one receiver thread (4 MiB SO_RCVBUF), hop in the same JVM.",
                config.rounds(), config.udpDuration().toMillis()));
        String reason = skipped.get(Variant.NETHARNESS);
        if (reason != null) {
            section.goal(Goal.notMeasured("UDP loss at 100k/s offered", "0", reason));
            section.goal(Goal.notMeasured("UDP max delivered vs direct", ">= 0.80x", reason));
            section.goal(Goal.notMeasured("UDP max delivered vs NetCrusher", ">= 2.00x", reason));
        } else {
            double lost = Stats.median(loss(fixed.get(Variant.NETHARNESS)));
            section.goal(new Goal("UDP loss at 100k/s offered", "0", String.format("%.3f%%", 100 * lost),
                    lost == 0));
            double link = Stats.median(deliveredPerSecond(max.get(Variant.NETHARNESS)));
            section.goal(Goal.atLeast("UDP max delivered vs direct", 0.8, link / directMax, "%.2fx"));
            if (!skipped.containsKey(Variant.NETCRUSHER)) {
                double crusher = Stats.median(deliveredPerSecond(max.get(Variant.NETCRUSHER)));
                section.goal(Goal.atLeast("UDP max delivered vs NetCrusher", 2.0, link / crusher, "%.2fx"));
            }
        }
        return section;
    }

    private static double[] deliveredPerSecond(Run[] runs) {
        double[] values = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            values[i] = runs[i].deliveredPerSecond();
        }
        return values;
    }

    private static double[] sentPerSecond(Run[] runs) {
        double[] values = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            values[i] = runs[i].sent() / runs[i].seconds();
        }
        return values;
    }

    private static double[] loss(Run[] runs) {
        double[] values = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            values[i] = runs[i].lossFraction();
        }
        return values;
    }
}
