package io.netharness.junit.assertj;

import io.netharness.simulator.Direction;
import io.netharness.simulator.InProcessLink;
import io.netharness.simulator.LinkStatistics;
import io.netharness.simulator.Seeds;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on an {@link InProcessLink} (a link that counts what crosses it). Each assertion takes a fresh snapshot of the statistics; navigate with
 * {@link #upstream()}, {@link #downstream()} or {@link #statistics()} to assert several figures of one snapshot.
 */
public class SimulatedLinkAssert extends AbstractObjectAssert<SimulatedLinkAssert, InProcessLink> {

    SimulatedLinkAssert(InProcessLink actual) {
        super(actual, SimulatedLinkAssert.class);
    }

    /**
     * Passes if at least one datagram (or chunk) was dropped in either direction, by the link or by the kernel before
     * the link read it.
     */
    public SimulatedLinkAssert hasDroppedDatagrams() {
        isNotNull();
        LinkStatistics statistics = actual.statistics();
        if (dropped(statistics) == 0) {
            failWithMessage("%s", "Expecting " + name() + " to have dropped datagrams but it dropped none: "
                    + statistics);
        }
        return this;
    }

    /**
     * Passes if nothing was dropped in either direction: neither by the link nor by the kernel before the link read
     * it ({@link io.netharness.simulator.DirectionStatistics#droppedBeforeLink()}).
     */
    public SimulatedLinkAssert hasDroppedNothing() {
        isNotNull();
        LinkStatistics statistics = actual.statistics();
        long dropped = dropped(statistics);
        long bytesDropped = statistics.upstream().bytesDropped() + statistics.downstream().bytesDropped();
        if (dropped != 0 || bytesDropped != 0) {
            failWithMessage("%s", "Expecting " + name() + " to have dropped nothing but it dropped " + dropped
                    + " (" + bytesDropped + " bytes): " + statistics);
        }
        return this;
    }

    /** Drops by the link and by the kernel before it, both directions. */
    private static long dropped(LinkStatistics statistics) {
        return statistics.upstream().dropped() + statistics.downstream().dropped()
                + statistics.upstream().droppedBeforeLink() + statistics.downstream().droppedBeforeLink();
    }

    /** Passes if the link is cut now. */
    public SimulatedLinkAssert isCut() {
        isNotNull();
        if (!actual.isCut()) {
            failWithMessage("%s", "Expecting " + name() + " to be cut but it is up");
        }
        return this;
    }

    /** Passes if the link is up now. */
    public SimulatedLinkAssert isNotCut() {
        isNotNull();
        if (actual.isCut()) {
            failWithMessage("%s", "Expecting " + name() + " to be up but it is cut");
        }
        return this;
    }

    /** Assertions on a snapshot of both directions taken now. */
    public LinkStatisticsAssert statistics() {
        isNotNull();
        return new LinkStatisticsAssert(actual.statistics(), name());
    }

    /** Assertions on a snapshot of the client-to-target direction taken now. */
    public DirectionStatisticsAssert upstream() {
        return direction(Direction.UPSTREAM);
    }

    /** Assertions on a snapshot of the target-to-client direction taken now. */
    public DirectionStatisticsAssert downstream() {
        return direction(Direction.DOWNSTREAM);
    }

    private DirectionStatisticsAssert direction(Direction direction) {
        isNotNull();
        return new DirectionStatisticsAssert(actual.statistics().direction(direction),
                direction.name().toLowerCase(java.util.Locale.ROOT) + " of " + name());
    }

    /** {@code TcpLink{…} (seed 0x…L)}: the seed is what a failing run needs to be replayed. */
    private String name() {
        return actual + " (seed " + Seeds.format(actual.seed()) + ")";
    }
}
