package io.netharness.junit.assertj;

import io.netharness.core.Format;
import io.netharness.simulator.DirectionStatistics;
import java.time.Duration;
import java.util.Locale;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on what crossed one direction of a link. Every failure message names the direction and link (with
 * its seed) and prints all figures of the snapshot, so that a statistical failure shows its sample size.
 */
public class DirectionStatisticsAssert extends AbstractObjectAssert<DirectionStatisticsAssert, DirectionStatistics> {

    private final String subject;

    DirectionStatisticsAssert(DirectionStatistics actual, String subject) {
        super(actual, DirectionStatisticsAssert.class);
        this.subject = subject;
    }

    /**
     * Passes if at least one datagram (or chunk) was dropped, by the link or by the kernel before the link read it
     * ({@link DirectionStatistics#droppedBeforeLink()}).
     */
    public DirectionStatisticsAssert hasDropped() {
        return hasDroppedAtLeast(1);
    }

    /** Passes if at least {@code count} datagrams were dropped, by the link or by the kernel before the link. */
    public DirectionStatisticsAssert hasDroppedAtLeast(long count) {
        isNotNull();
        if (actual.dropped() + actual.droppedBeforeLink() < count) {
            fail("to have dropped at least " + count + " but it dropped " + actual.dropped() + " of "
                    + actual.datagramsIn() + beforeLink());
        }
        return this;
    }

    /**
     * Passes if nothing was dropped: no datagram or chunk, and no byte the link read, whatever the cause (a
     * transfer cut short by a reset or a failed write counts), and nothing the kernel dropped before the link read
     * it (a link that could not keep up loses datagrams the code under test would otherwise have got). Bytes still
     * in flight are not dropped; to check that a transfer is complete, use {@link #hasDeliveredEverything()}.
     */
    public DirectionStatisticsAssert hasDroppedNothing() {
        isNotNull();
        if (actual.dropped() != 0 || actual.bytesDropped() != 0 || actual.droppedBeforeLink() != 0) {
            fail("to have dropped nothing but it dropped " + actual.dropped() + " of " + actual.datagramsIn()
                    + " (" + actual.bytesDropped() + " of " + actual.bytesIn() + " bytes)" + beforeLink());
        }
        return this;
    }

    /**
     * Passes if every byte the link read was delivered: nothing dropped, nothing still in flight, and as many
     * bytes out as in (for a link that copies nothing, such as a TCP link).
     */
    public DirectionStatisticsAssert hasDeliveredEverything() {
        hasDroppedNothing();
        if (actual.bytesInFlight() != 0 || actual.bytesDelivered() != actual.bytesIn()) {
            fail("to have delivered every byte it read but it delivered " + actual.bytesDelivered() + " of "
                    + actual.bytesIn() + " (" + actual.bytesInFlight() + " in flight)");
        }
        return this;
    }

    /** Passes if the kernel dropped nothing at the link's sockets before the link read it, whatever the link did. */
    public DirectionStatisticsAssert hasDroppedNothingBeforeLink() {
        isNotNull();
        if (actual.droppedBeforeLink() != 0) {
            fail("to have had nothing dropped before the link but the kernel dropped " + actual.droppedBeforeLink()
                    + " datagrams the link never read");
        }
        return this;
    }

    /** Passes if between {@code min} and {@code max} (inclusive) datagrams were delivered, copies included. */
    public DirectionStatisticsAssert hasDeliveredBetween(long min, long max) {
        isNotNull();
        if (actual.delivered() < min || actual.delivered() > max) {
            fail("to have delivered between " + min + " and " + max + " but it delivered " + actual.delivered());
        }
        return this;
    }

    /** Passes if at least {@code bytes} payload bytes were delivered. */
    public DirectionStatisticsAssert hasDeliveredBytesAtLeast(long bytes) {
        isNotNull();
        if (actual.bytesDelivered() < bytes) {
            fail("to have delivered at least " + bytes + " bytes but it delivered " + actual.bytesDelivered());
        }
        return this;
    }

    /**
     * Passes if the share of datagrams sent to the link that were dropped lies between {@code min} and {@code max}
     * (inclusive): {@code (dropped + droppedBeforeLink) / (datagramsIn + droppedBeforeLink)}, so drops by the
     * kernel before the link count as they would for the code under test. Choose the bounds for the sample size:
     * the failure message prints it.
     */
    public DirectionStatisticsAssert hasLossRateBetween(double min, double max) {
        isNotNull();
        long sent = actual.datagramsIn() + actual.droppedBeforeLink();
        if (sent == 0) {
            fail("to have a loss rate between " + min + " and " + max + " but nothing arrived");
        }
        long lost = actual.dropped() + actual.droppedBeforeLink();
        double rate = (double) lost / sent;
        if (rate < min || rate > max) {
            fail("to have a loss rate between " + min + " and " + max + " but it was "
                    + String.format(Locale.ROOT, "%.4f", rate) + " (" + lost + " dropped of " + sent
                    + (actual.droppedBeforeLink() != 0 ? ", " + actual.droppedBeforeLink()
                            + " of them by the kernel before the link" : "") + ")");
        }
        return this;
    }

    /** Passes if at least {@code count} extra copies were made. */
    public DirectionStatisticsAssert hasDuplicatedAtLeast(long count) {
        return atLeast("duplicated", actual == null ? 0 : actual.duplicated(), count);
    }

    /** Passes if at least {@code count} datagrams were overtaken by later ones. */
    public DirectionStatisticsAssert hasReorderedAtLeast(long count) {
        return atLeast("reordered", actual == null ? 0 : actual.reordered(), count);
    }

    /** Passes if at least {@code count} datagrams had a bit flipped. */
    public DirectionStatisticsAssert hasCorruptedAtLeast(long count) {
        return atLeast("corrupted", actual == null ? 0 : actual.corrupted(), count);
    }

    /** Passes if the mean delay the link added lies between {@code min} and {@code max} (inclusive). */
    public DirectionStatisticsAssert hasMeanDelayBetween(Duration min, Duration max) {
        isNotNull();
        return delayBetween("a mean delay", actual.delays().mean(), min, max);
    }

    /**
     * Passes if the given percentile (0-100) of the delays the link added lies between {@code min} and
     * {@code max} (inclusive).
     */
    public DirectionStatisticsAssert hasDelayPercentileBetween(double percentile, Duration min, Duration max) {
        isNotNull();
        return delayBetween("a p" + trim(percentile) + " delay", actual.delays().percentile(percentile), min, max);
    }

    private DirectionStatisticsAssert delayBetween(String what, Duration value, Duration min, Duration max) {
        if (actual.delays().count() == 0) {
            fail("to have " + what + " between " + Format.duration(min) + " and " + Format.duration(max)
                    + " but no delay was recorded");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            fail("to have " + what + " between " + Format.duration(min) + " and " + Format.duration(max)
                    + " but it was " + Format.duration(value) + " (over "
                    + actual.delays().count() + " deliveries)");
        }
        return this;
    }

    private DirectionStatisticsAssert atLeast(String what, long value, long count) {
        isNotNull();
        if (value < count) {
            fail("to have " + what + " at least " + count + " but it " + what + " " + value + " of "
                    + actual.datagramsIn());
        }
        return this;
    }

    /** What the kernel dropped before the link, for messages; empty when nothing. */
    private String beforeLink() {
        return actual.droppedBeforeLink() == 0 ? "" : " and the kernel dropped " + actual.droppedBeforeLink()
                + " before the link read them";
    }

    private void fail(String expectation) {
        failWithMessage("%s", "Expecting " + subject + " " + expectation + System.lineSeparator() + "  figures: "
                + actual);
    }

    private static String trim(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }
}
