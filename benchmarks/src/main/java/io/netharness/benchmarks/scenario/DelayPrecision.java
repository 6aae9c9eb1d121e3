package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.endpoint.UdpReceiver;
import io.netharness.benchmarks.endpoint.UdpSender;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Measurement 4: configured one-way delay (no jitter) against the measured one, per datagram, at 1, 20
 * and 200 ms. Each datagram carries its send time; the receiver in the same JVM subtracts it from its
 * arrival time. Datagrams are spaced {@link #SPACING} apart so none waits behind another.
 * The direct floor shows what loopback and the receiver thread add with no hop at all; the sleeping relay
 * ({@link Hops#sleepingUdpRelay}) what any user-space hop that holds datagrams for a delay adds on this machine.
 */
public final class DelayPrecision {

    static final List<Duration> DELAYS = List.of(Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofMillis(200));
    private static final String SLEEPING_RELAY = "SLEEPING RELAY (timer floor)";
    /** How long the last datagram may take to arrive: the longest delay measured plus two seconds. */
    private static final Duration DRAIN_LIMIT = Duration.ofMillis(2_200);
    private static final Duration SPACING = Duration.ofMillis(2);
    private static final int WARMUP_SAMPLES = 5_000;
    private static final Duration WARMUP_SPACING = Duration.ofNanos(100_000);

    private DelayPrecision() {
    }

    public static Section run(SuiteConfig config) throws IOException, InterruptedException {
        Section section = new Section("4. Delay precision: configured vs measured one-way delay (UDP)");
        section.header("configured", "variant", "p50", "p99", "max", "p50 error", "p99 error",
                "floor p50 / p99 (direct, just before)");
        double worstP50 = 0;
        double worstP99 = 0;
        double worstRelayP50 = 0;
        double worstRelayP99 = 0;
        for (Variant variant : Variant.values()) {
            // The first datagrams through a hop in a fresh JVM run interpreted code; they are not what we measure.
            measure(variant, variant == Variant.DIRECT ? Duration.ZERO : Duration.ofMillis(1), WARMUP_SAMPLES, WARMUP_SPACING);
        }
        measure(target -> Hops.sleepingUdpRelay(target, Duration.ofMillis(1)), "the sleeping relay", WARMUP_SAMPLES,
                WARMUP_SPACING);
        for (Duration delay : DELAYS) {
            // The floor is measured next to each delay, so a busy spell on the machine shows in both.
            Histogram floor = measure(Variant.DIRECT, Duration.ZERO, config.delaySamples());
            String floorText = Stats.millis(floor.getValueAtPercentile(50)) + " / "
                    + Stats.millis(floor.getValueAtPercentile(99));
            Histogram relay = measure(target -> Hops.sleepingUdpRelay(target, delay), "the sleeping relay",
                    config.delaySamples(), SPACING);
            row(section, delay, SLEEPING_RELAY, relay, floorText);
            worstRelayP50 = Math.max(worstRelayP50, Math.abs(error(relay, 50, delay)));
            worstRelayP99 = Math.max(worstRelayP99, Math.abs(error(relay, 99, delay)));
            for (Variant variant : List.of(Variant.NETCRUSHER, Variant.NETHARNESS)) {
                Histogram h = measure(variant, delay, config.delaySamples());
                row(section, delay, variant, h, floorText);
                if (variant == Variant.NETHARNESS) {
                    worstP50 = Math.max(worstP50, Math.abs(error(h, 50, delay)));
                    worstP99 = Math.max(worstP99, Math.abs(error(h, 99, delay)));
                }
            }
        }
        section.note(String.format("%d datagrams per delay and variant (after %,d warm-up datagrams through each"
                        + " kind of hop), one every %d ms, delay in both hops without"
                        + " jitter; error = percentile - configured, so it includes the floor (what loopback and the"
                        + " receiving thread add with no hop at all). NetCrusher runs with its default 20 ms reactor"
                        + " tick. " + SLEEPING_RELAY + " is the timer floor: the plainest delaying relay (one thread"
                        + " receives and stamps each datagram, another sleeps until stamp + delay and sends it), so"
                        + " its error is what waking to read, waking from a timed sleep and the receiver waking cost"
                        + " on this machine; worst of 1/20/200 ms: p50 error %s, p99 error %s.",
                config.delaySamples(), WARMUP_SAMPLES, SPACING.toMillis(), Stats.millis(worstRelayP50),
                Stats.millis(worstRelayP99)));
        section.goal(Goal.atMost("delay error p50, worst of 1/20/200 ms (ms)", 0.2, worstP50 / 1e6, "%.3f"));
        section.goal(Goal.atMost("delay error p99, worst of 1/20/200 ms (ms)", 1.0, worstP99 / 1e6, "%.3f"));
        return section;
    }

    private static void row(Section section, Duration delay, Object variant, Histogram h, String floorText) {
        section.row(delay.toMillis() + " ms", variant, Stats.millis(h.getValueAtPercentile(50)),
                Stats.millis(h.getValueAtPercentile(99)), Stats.millis(h.getMaxValue()),
                Stats.millis(error(h, 50, delay)), Stats.millis(error(h, 99, delay)), floorText);
    }

    private static double error(Histogram h, double percentile, Duration delay) {
        return h.getValueAtPercentile(percentile) - delay.toNanos();
    }

    static Histogram measure(Variant variant, Duration delay, int samples) throws IOException, InterruptedException {
        return measure(variant, delay, samples, SPACING);
    }

    private static Histogram measure(Variant variant, Duration delay, int samples, Duration spacing)
            throws IOException, InterruptedException {
        Impairment impairment = delay.isZero() ? Impairment.NONE : Impairment.latency(delay, Duration.ZERO);
        return measure(target -> Hops.udp(variant, target, impairment), variant.toString(), samples, spacing);
    }

    static Histogram measure(Function<InetSocketAddress, Hop> hopBefore, String hopName, int samples,
            Duration spacing) throws IOException, InterruptedException {
        try (UdpReceiver receiver = UdpReceiver.timing(samples);
             Hop hop = hopBefore.apply(receiver.address());
             UdpSender sender = new UdpSender(hop.address(), UdpReceiver.HEADER_BYTES)) {
            for (int i = 0; i < samples; i++) {
                sender.sendOne();
                LockSupport.parkNanos(spacing.toNanos());
            }
            long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
            while (receiver.received() < samples && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Histogram delays = receiver.delays();
            if (delays.getTotalCount() == 0) {
                throw new IllegalStateException(hopName + " delivered none of " + samples + " datagrams");
            }
            return delays;
        }
    }
}
