package io.netharness.junit.assertj;

import io.netharness.simulator.LinkStatistics;
import org.assertj.core.api.AbstractObjectAssert;

/** Assertions on a {@link LinkStatistics} snapshot; navigate to one direction. */
public class LinkStatisticsAssert extends AbstractObjectAssert<LinkStatisticsAssert, LinkStatistics> {

    private final String subject;

    LinkStatisticsAssert(LinkStatistics actual, String subject) {
        super(actual, LinkStatisticsAssert.class);
        this.subject = subject;
    }

    /** The client-to-target direction. */
    public DirectionStatisticsAssert upstream() {
        isNotNull();
        return new DirectionStatisticsAssert(actual.upstream(), "upstream of " + subject);
    }

    /** The target-to-client direction. */
    public DirectionStatisticsAssert downstream() {
        isNotNull();
        return new DirectionStatisticsAssert(actual.downstream(), "downstream of " + subject);
    }
}
