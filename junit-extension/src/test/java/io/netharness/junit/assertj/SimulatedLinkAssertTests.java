package io.netharness.junit.assertj;

import static io.netharness.junit.assertj.NetHarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.netharness.simulator.CutMode;
import io.netharness.simulator.Direction;
import io.netharness.simulator.InProcessLink;
import io.netharness.simulator.LinkStatistics;
import io.netharness.simulator.profile.LinkProfile;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatedLinkAssertTests {

    /** A link that only reports chosen figures. */
    private record Fixed(LinkStatistics statistics, boolean isCut) implements InProcessLink {
        @Override public InProcessLink start() { return this; }
        @Override public InetSocketAddress address() { return new InetSocketAddress("127.0.0.1", 40000); }
        @Override public InetSocketAddress target() { return new InetSocketAddress("127.0.0.1", 5432); }
        @Override public long seed() { return 0x2aL; }
        @Override public LinkProfile profile(Direction direction) { return LinkProfile.PERFECT; }
        @Override public void profile(Direction direction, LinkProfile profile) {}
        @Override public void cut(CutMode mode) {}
        @Override public void heal() {}
        @Override public void close() {}
        @Override public String toString() { return "FixedLink{127.0.0.1:40000 -> 127.0.0.1:5432}"; }
    }

    private static final LinkStatistics LOSSY = new LinkStatistics(
            FakeStatistics.of(40, 2, Duration.ofMillis(20), Duration.ofMillis(31)),
            FakeStatistics.of(38, 0, Duration.ofMillis(20), Duration.ofMillis(25)));
    private static final LinkStatistics CLEAN = new LinkStatistics(
            FakeStatistics.of(10, 0, Duration.ZERO, Duration.ZERO), FakeStatistics.of(10, 0, Duration.ZERO, Duration.ZERO));

    @Test
    void droppedDatagramsPasses() {
        assertThat(new Fixed(LOSSY, false)).hasDroppedDatagrams().isNotCut();
        assertThat(new Fixed(CLEAN, true)).hasDroppedNothing().isCut();
    }

    @Test
    void droppedDatagramsFailurePrintsSeedAndStatistics() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(new Fixed(CLEAN, false)).hasDroppedDatagrams())
                .withMessage("Expecting FixedLink{127.0.0.1:40000 -> 127.0.0.1:5432} (seed 0x2aL) to have dropped"
                        + " datagrams but it dropped none: " + CLEAN);
    }

    @Test
    void droppedNothingFailurePrintsCount() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(new Fixed(LOSSY, false)).hasDroppedNothing())
                .withMessage("Expecting FixedLink{127.0.0.1:40000 -> 127.0.0.1:5432} (seed 0x2aL) to have dropped"
                        + " nothing but it dropped 2 (32 bytes): " + LOSSY);
    }

    @Test
    void cutFailure() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(new Fixed(LOSSY, false)).isCut())
                .withMessage("Expecting FixedLink{127.0.0.1:40000 -> 127.0.0.1:5432} (seed 0x2aL) to be cut but it"
                        + " is up");
    }

    @Test
    void navigationNamesTheDirectionAndLink() {
        assertThat(new Fixed(LOSSY, false)).downstream().hasDroppedNothing();
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(new Fixed(LOSSY, false)).upstream().hasDroppedNothing())
                .withMessageStartingWith("Expecting upstream of FixedLink{127.0.0.1:40000 -> 127.0.0.1:5432} (seed"
                        + " 0x2aL) to have dropped nothing but it dropped 2 of 40");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(new Fixed(LOSSY, false)).statistics().downstream()
                        .hasMeanDelayBetween(Duration.ZERO, Duration.ofMillis(1)))
                .withMessageStartingWith("Expecting downstream of FixedLink{127.0.0.1:40000 -> 127.0.0.1:5432}"
                        + " (seed 0x2aL) to have a mean delay between 0ms and 1ms but it was 20ms");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(LOSSY).upstream().hasDroppedNothing())
                .withMessageStartingWith("Expecting upstream of link statistics to have dropped nothing");
    }

    @Test
    void dropsBeforeTheLinkCountForTheWholeLink() {
        LinkStatistics kernelDropped = new LinkStatistics(FakeStatistics.of(10, 0, Duration.ZERO, Duration.ZERO),
                FakeStatistics.withDropsBeforeLink(10, 0, 4));
        assertThat(new Fixed(kernelDropped, false)).hasDroppedDatagrams();
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(new Fixed(kernelDropped, false)).hasDroppedNothing())
                .withMessage("Expecting FixedLink{127.0.0.1:40000 -> 127.0.0.1:5432} (seed 0x2aL) to have dropped"
                        + " nothing but it dropped 4 (0 bytes): " + kernelDropped);
    }
}
