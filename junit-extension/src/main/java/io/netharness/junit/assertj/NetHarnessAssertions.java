package io.netharness.junit.assertj;

import io.netharness.core.servers.HarnessServer;
import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.InProcessLink;
import io.netharness.simulator.LinkStatistics;

/**
 * Entry point of NetHarness's AssertJ assertions: links, their statistics, and in-process servers. Failure
 * messages print the actual figures, and for links the seed that replays them.
 *
 * <pre>{@code
 * import static io.netharness.junit.assertj.NetHarnessAssertions.assertThat;
 *
 * assertThat(link).upstream().hasDroppedAtLeast(1).hasLossRateBetween(0.01, 0.05);
 * assertThat(link).downstream().hasMeanDelayBetween(Duration.ofMillis(15), Duration.ofMillis(30));
 * assertThat(server).receivedWithin(Duration.ofSeconds(2), "hello");
 * }</pre>
 */
public final class NetHarnessAssertions {

    private NetHarnessAssertions() {}

    /** Assertions on a link run in this JVM; statistics are read when an assertion needs them. */
    public static SimulatedLinkAssert assertThat(InProcessLink actual) {
        return new SimulatedLinkAssert(actual);
    }

    /** Assertions on a statistics snapshot of both directions. */
    public static LinkStatisticsAssert assertThat(LinkStatistics actual) {
        return new LinkStatisticsAssert(actual, "link statistics");
    }

    /** Assertions on a statistics snapshot of one direction. */
    public static DirectionStatisticsAssert assertThat(DirectionStatistics actual) {
        return new DirectionStatisticsAssert(actual, "direction");
    }

    /** Assertions on an in-process server: what it received, and when. */
    public static HarnessServerAssert assertThat(HarnessServer actual) {
        return new HarnessServerAssert(actual);
    }
}
