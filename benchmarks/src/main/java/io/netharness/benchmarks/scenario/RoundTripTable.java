package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.lineup.Contender;
import io.netharness.benchmarks.lineup.Layout;
import io.netharness.benchmarks.lineup.Lineup;
import io.netharness.benchmarks.lineup.RoundFigures;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Round trips of a lineup, one histogram per contender and round, and the table and goals the TCP and UDP
 * ping-pong measurements print: percentiles (medians over rounds), what each proxy adds to direct in the same
 * round, and how that compares with NetCrusher's in the same layout and with the best C relay.
 */
final class RoundTripTable {

    static final double[] PERCENTILES = {50, 99, 99.9};

    private final Lineup lineup;
    private final Map<Contender, List<Histogram>> rounds = new LinkedHashMap<>();

    RoundTripTable(Lineup lineup) {
        this.lineup = lineup;
        for (Contender contender : lineup.measured()) {
            rounds.put(contender, new ArrayList<>());
        }
    }

    void record(Contender contender, Histogram roundTrips) {
        rounds.get(contender).add(roundTrips);
    }

    /** The figures at one percentile, nanoseconds, one per round. */
    RoundFigures at(double percentile) {
        return new RoundFigures(lineup, c -> rounds.get(c).stream()
                .mapToDouble(h -> h.getValueAtPercentile(percentile)).toArray());
    }

    void rows(Section section) {
        section.header("variant", "runs in", "p50", "p99", "p99.9", "added p50", "added p99", "added p99.9",
                "added p50 - NetCrusher's", "added p50 - best C relay's");
        RoundFigures p50 = at(50);
        for (Contender c : lineup.all()) {
            if (lineup.skipped(c) != null) {
                section.row(c, c.layout().label(), lineup.skipped(c), "", "", "", "", "", "", "");
                continue;
            }
            boolean direct = c.equals(lineup.direct());
            List<Object> cells = new ArrayList<>(List.of(c, c.layout().label()));
            for (double percentile : PERCENTILES) {
                cells.add(Stats.micros(at(percentile).median(c)));
            }
            for (double percentile : PERCENTILES) {
                cells.add(direct ? "-" : Stats.micros(at(percentile).difference(c, lineup.direct())));
            }
            cells.add(direct ? "-" : lineup.netCrusherFor(c).map(n -> Stats.micros(
                    p50.difference(c, lineup.direct()) - p50.difference(n, lineup.direct()))).orElse("-"));
            cells.add(direct ? "-" : p50.addedOverBestFloor(c).map(Stats::micros).orElse("-"));
            section.row(cells.toArray());
        }
    }

    /**
     * The goal "added p50 at most NetCrusher's" in both layouts (standalone: the worse serve row), each relaxed to
     * 5 % over the best C relay where even that adds more than NetCrusher.
     */
    void goals(Section section, String what) {
        RoundFigures p50 = at(50);
        for (Layout layout : List.of(Layout.IN_PROCESS, Layout.STANDALONE)) {
            String name = what + " added p50 vs NetCrusher's, " + (layout == Layout.IN_PROCESS ? "in-process"
                    : "standalone") + " (µs)";
            List<Contender> links = lineup.netHarness(layout);
            if (links.isEmpty() || lineup.netCrusherFor(links.get(0)).isEmpty()) {
                section.goal(Goal.notMeasured(name, "<= NetCrusher's", "a contender did not start"));
                continue;
            }
            Contender crusher = lineup.netCrusherFor(links.get(0)).get();
            double crusherAdded = p50.difference(crusher, lineup.direct()) / 1e3;
            double worst = links.stream().mapToDouble(c -> p50.difference(c, lineup.direct())).max().orElseThrow() / 1e3;
            Double floor = p50.bestFloorAdded().map(f -> f / 1e3).orElse(null);
            section.goal(Goal.atMostOrNearFloor(name, crusherAdded, worst, floor, "%.1f"));
        }
    }
}
