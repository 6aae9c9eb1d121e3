package io.netharness.toxiproxy.internal;

import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.LinkStatistics;

/** One line of figures for the command line's live statistics: bytes and drops per direction. */
final class StatisticsLine {

    private StatisticsLine() {
    }

    static String format(LinkStatistics statistics) {
        return "up " + direction(statistics.upstream()) + " | down " + direction(statistics.downstream());
    }

    private static String direction(DirectionStatistics stats) {
        StringBuilder line = new StringBuilder()
                .append(stats.bytesIn()).append(" B in, ")
                .append(stats.bytesDelivered()).append(" B out");
        if (stats.dropped() > 0) {
            line.append(", ").append(stats.dropped()).append(" dropped");
        }
        if (stats.delays().count() > 0) {
            line.append(", p50 ").append(stats.delays().percentile(50).toMillis()).append(" ms");
        }
        return line.toString();
    }
}
