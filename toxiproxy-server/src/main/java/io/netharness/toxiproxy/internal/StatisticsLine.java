package io.netharness.toxiproxy.internal;

import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.LinkStatistics;

/** One line of figures for the command line's live statistics: bytes, drops and the like per direction. */
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
        append(line, stats.dropped(), "dropped");
        append(line, stats.bytesDropped(), "B dropped");
        append(line, stats.droppedBeforeLink(), "dropped by the kernel before the link");
        append(line, stats.duplicated(), "duplicated");
        append(line, stats.reordered(), "reordered");
        append(line, stats.corrupted(), "corrupted");
        if (stats.delays().count() > 0) {
            line.append(", p50 ").append(stats.delays().percentile(50).toMillis()).append(" ms");
        }
        return line.toString();
    }

    private static void append(StringBuilder line, long count, String what) {
        if (count > 0) {
            line.append(", ").append(count).append(' ').append(what);
        }
    }
}
