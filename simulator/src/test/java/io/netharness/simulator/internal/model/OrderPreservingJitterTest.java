package io.netharness.simulator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Order-preserving jitter draws the same delays from the same seed, and only moves a departure later when it would
 * overtake the one before: departures never decrease, and each is the unordered departure or the previous one.
 */
class OrderPreservingJitterTest {

    @Test
    void departuresNeverOvertakeAndMoveOnlyAsFarAsThePreviousOne() {
        Latency jitter = Latency.of(Duration.ofMillis(10), Duration.ofMillis(10));
        LinkProfile plain = LinkProfile.builder().latency(jitter).duplication(Duplication.of(0.1)).build();
        ImpairmentEngine free = new ImpairmentEngine(11, plain);
        ImpairmentEngine ordered = new ImpairmentEngine(11, plain.withLatency(jitter.keepingOrder()));
        long previous = Long.MIN_VALUE;
        int moved = 0;
        for (int i = 0; i < 10_000; i++) {
            long now = i * 100_000L; // one datagram every 0.1 ms, far closer than the jitter
            DatagramFate unordered = free.decide(100, now);
            DatagramFate kept = ordered.decide(100, now);
            assertThat(kept.copies()).hasSameSizeAs(unordered.copies());
            for (int c = 0; c < kept.copies().size(); c++) {
                long departure = kept.copies().get(c).departureNanos();
                long drawn = unordered.copies().get(c).departureNanos();
                assertThat(departure).as("datagram %d copy %d", i, c).isGreaterThanOrEqualTo(previous)
                        .isEqualTo(Math.max(drawn, previous));
                moved += departure != drawn ? 1 : 0;
                previous = departure;
            }
        }
        assertThat(moved).as("departures held back behind an earlier one").isPositive();
    }
}
