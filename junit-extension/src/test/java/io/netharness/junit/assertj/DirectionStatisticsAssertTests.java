package io.netharness.junit.assertj;

import static io.netharness.junit.assertj.NetHarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.DropCause;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectionStatisticsAssertTests {

    private static final DirectionStatistics TWO_OF_FORTY =
            FakeStatistics.of(40, 2, Duration.ofMillis(20), Duration.ofMillis(31));
    private static final String FIGURES = System.lineSeparator() + "  figures: in 40 (640 bytes), delivered 38"
            + " (608 bytes), dropped 2 (32 bytes, impairment 32), in flight 0 bytes, duplicated 0, reordered 0,"
            + " corrupted 0, truncated 0, delays {count 38, mean PT0.02S, p99 PT0.031S}";

    @Test
    void passesWhenFiguresAreInRange() {
        assertThat(TWO_OF_FORTY).hasDropped().hasDroppedAtLeast(2).hasLossRateBetween(0.04, 0.06)
                .hasDeliveredBetween(38, 38).hasDeliveredBytesAtLeast(608)
                .hasMeanDelayBetween(Duration.ofMillis(19), Duration.ofMillis(21))
                .hasDelayPercentileBetween(99, Duration.ofMillis(30), Duration.ofMillis(32));
    }

    @Test
    void droppedAtLeastPrintsWhatWasDropped() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(TWO_OF_FORTY).hasDroppedAtLeast(3))
                .withMessage("Expecting direction to have dropped at least 3 but it dropped 2 of 40" + FIGURES);
    }

    @Test
    void droppedNothingPrintsWhatWasDropped() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(TWO_OF_FORTY).hasDroppedNothing())
                .withMessage("Expecting direction to have dropped nothing but it dropped 2 of 40 (32 of 640 bytes)"
                        + FIGURES);
    }

    /** A transfer cut short: every chunk was handed on, but the receiving socket failed the last write. */
    @Test
    void droppedNothingFailsWhenBytesWereLostWithoutADroppedChunk() {
        DirectionStatistics cutShort = new DirectionStatistics(4096, 3072, 0, 4, 4, 0, 0, 0, 0, 0,
                Map.of(DropCause.WRITE_FAILED, 1024L), TWO_OF_FORTY.delays());
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(cutShort).hasDroppedNothing())
                .withMessageStartingWith("Expecting direction to have dropped nothing but it dropped 0 of 4 (1024 of"
                        + " 4096 bytes)" + System.lineSeparator() + "  figures: in 4 (4096 bytes), delivered 4 (3072"
                        + " bytes), dropped 0 (1024 bytes, write_failed 1024), in flight 0 bytes");
    }

    @Test
    void deliveredEverythingFailsWhileBytesAreInFlight() {
        DirectionStatistics inFlight = new DirectionStatistics(4096, 3072, 1024, 4, 3, 0, 0, 0, 0, 0, Map.of(),
                TWO_OF_FORTY.delays());
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(inFlight).hasDeliveredEverything())
                .withMessageStartingWith("Expecting direction to have delivered every byte it read but it delivered"
                        + " 3072 of 4096 (1024 in flight)");
        DirectionStatistics complete = new DirectionStatistics(4096, 4096, 0, 4, 4, 0, 0, 0, 0, 0, Map.of(),
                TWO_OF_FORTY.delays());
        assertThat(complete).hasDeliveredEverything();
    }

    @Test
    void lossRatePrintsRateAndSampleSize() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(TWO_OF_FORTY).hasLossRateBetween(0.0, 0.01))
                .withMessage("Expecting direction to have a loss rate between 0.0 and 0.01 but it was 0.0500"
                        + " (2 dropped of 40)" + FIGURES);
    }

    @Test
    void lossRateOfNothingFails() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(FakeStatistics.of(0, 0, Duration.ZERO, Duration.ZERO))
                        .hasLossRateBetween(0.0, 1.0))
                .withMessageStartingWith("Expecting direction to have a loss rate between 0.0 and 1.0 but nothing"
                        + " arrived");
    }

    @Test
    void meanDelayPrintsTheMeanAndCount() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(TWO_OF_FORTY).hasMeanDelayBetween(Duration.ZERO, Duration.ofMillis(10)))
                .withMessage("Expecting direction to have a mean delay between 0ms and 10ms but it was 20ms"
                        + " (over 38 deliveries)" + FIGURES);
    }

    @Test
    void percentileDelayPrintsThePercentile() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(TWO_OF_FORTY)
                        .hasDelayPercentileBetween(99, Duration.ZERO, Duration.ofMillis(30)))
                .withMessage("Expecting direction to have a p99 delay between 0ms and 30ms but it was 31ms"
                        + " (over 38 deliveries)" + FIGURES);
    }

    @Test
    void deliveredBetweenPrintsDelivered() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(TWO_OF_FORTY).hasDeliveredBetween(39, 40))
                .withMessage("Expecting direction to have delivered between 39 and 40 but it delivered 38" + FIGURES);
    }

    @Test
    void duplicatedPrintsCount() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(TWO_OF_FORTY).hasDuplicatedAtLeast(1))
                .withMessage("Expecting direction to have duplicated at least 1 but it duplicated 0 of 40" + FIGURES);
    }

    private static final DirectionStatistics KERNEL_DROPPED_FIVE = FakeStatistics.withDropsBeforeLink(40, 2, 5);
    private static final String KERNEL_FIGURES = System.lineSeparator() + "  figures: in 40 (640 bytes), delivered 38"
            + " (608 bytes), dropped 2 (32 bytes, impairment 32), in flight 0 bytes, duplicated 0, reordered 0,"
            + " corrupted 0, truncated 0, dropped before the link 5, delays {count 38, mean PT0S, p99 PT0S}";

    @Test
    void droppedNothingFailsWhenOnlyTheKernelDropped() {
        DirectionStatistics kernelOnly = FakeStatistics.withDropsBeforeLink(40, 0, 3);
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(kernelOnly).hasDroppedNothing())
                .withMessageStartingWith("Expecting direction to have dropped nothing but it dropped 0 of 40 (0 of 640 bytes) and the"
                        + " kernel dropped 3 before the link read them");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(kernelOnly).hasDroppedNothingBeforeLink())
                .withMessageStartingWith("Expecting direction to have had nothing dropped before the link but the"
                        + " kernel dropped 3 datagrams the link never read");
        assertThat(TWO_OF_FORTY).hasDroppedNothingBeforeLink();
    }

    @Test
    void dropsBeforeTheLinkCountAsDropsAndInTheLossRate() {
        assertThat(KERNEL_DROPPED_FIVE).hasDroppedAtLeast(7).hasLossRateBetween(7 / 45.0, 7 / 45.0);
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(KERNEL_DROPPED_FIVE).hasDroppedAtLeast(8))
                .withMessage("Expecting direction to have dropped at least 8 but it dropped 2 of 40 and the kernel"
                        + " dropped 5 before the link read them" + KERNEL_FIGURES);
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(KERNEL_DROPPED_FIVE).hasLossRateBetween(0.0, 0.05))
                .withMessage("Expecting direction to have a loss rate between 0.0 and 0.05 but it was 0.1556 (7"
                        + " dropped of 45, 5 of them by the kernel before the link)" + KERNEL_FIGURES);
    }
}
