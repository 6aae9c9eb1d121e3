package io.netharness.simulator.internal.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.netharness.simulator.internal.stats.DirectionCounters;
import io.netharness.simulator.profile.DelayDistribution;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** Seeded planning of TCP chunks: the same seed and chunks give the same times; loss depends on bytes, not reads. */
class ProfilePlannerTest {

    private static final LinkProfile PROFILE = LinkProfile.builder()
            .latency(new Latency(Duration.ofMillis(20), Duration.ofMillis(5), DelayDistribution.NORMAL, 0.25))
            .loss(Loss.random(0.02))
            .build();

    private static final DirectionProfiles LINK_WIDE = DirectionProfiles.linkWide(PROFILE);

    private static ProfilePlanner planner(long seed, LongAdder stalls) {
        return new ProfilePlanner(() -> LINK_WIDE, 0, seed, TcpRelaySettings.DEFAULTS, new SharedBandwidth(), stalls,
                new DirectionCounters());
    }

    /** Plans chunks of the given sizes, 1 ms apart; returns the planned times relative to arrival. */
    private static long[] plan(ProfilePlanner planner, int[] sizes) {
        long[] delays = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            ByteBuf chunk = Unpooled.wrappedBuffer(new byte[sizes[i]]);
            long now = i * 1_000_000L;
            delays[i] = planner.plan(chunk, now) - now;
            chunk.release();
        }
        return delays;
    }

    private static int[] sizes(long seed, int count) {
        return new SplittableRandom(seed).ints(count, 1, 65_536).toArray();
    }

    @Test
    void theSameSeedAndChunksGiveTheSameDelaysAndStalls() {
        int[] sizes = sizes(1, 10_000);
        LongAdder stallsA = new LongAdder();
        LongAdder stallsB = new LongAdder();
        long[] a = plan(planner(99, stallsA), sizes);
        long[] b = plan(planner(99, stallsB), sizes);
        assertThat(a).isEqualTo(b);
        assertThat(stallsA.sum()).isEqualTo(stallsB.sum()).isPositive();

        long[] other = plan(planner(100, new LongAdder()), sizes);
        assertThat(Arrays.equals(a, other)).as("another seed gives other delays").isFalse();
    }

    @Test
    void lossIsDecidedPerSegmentOfTheStreamWhateverTheReadSizes() {
        int total = 50_000_000;
        LongAdder bigReads = new LongAdder();
        LongAdder smallReads = new LongAdder();
        plan(planner(5, bigReads), split(total, 65_536));
        plan(planner(5, smallReads), split(total, 1_000));
        long segments = (total + 1459) / 1460;
        assertThat(bigReads.sum()).isEqualTo(smallReads.sum());
        // 2% of the segments, within a generous 6-sigma band.
        double expected = segments * 0.02;
        assertThat((double) bigReads.sum()).isCloseTo(expected, offset(6 * Math.sqrt(expected)));
    }

    private static int[] split(int total, int size) {
        int[] sizes = new int[(total + size - 1) / size];
        Arrays.fill(sizes, size);
        sizes[sizes.length - 1] = total - size * (sizes.length - 1);
        return sizes;
    }

    @Test
    void aDelayIsNeverNegativeAndChunksStallByTheRetransmissionTimeout() {
        long[] delays = plan(planner(7, new LongAdder()), sizes(2, 2_000));
        assertThat(Arrays.stream(delays).min().orElseThrow()).isNotNegative();
        assertThat(Arrays.stream(delays).max().orElseThrow()).isGreaterThanOrEqualTo(200_000_000L);
    }
}
