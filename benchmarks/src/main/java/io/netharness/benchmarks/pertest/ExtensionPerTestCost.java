package io.netharness.benchmarks.pertest;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.lineup.SharedProxies;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measurement 12: what a {@code @SimulatedLink} costs a user's test, measured as the test sees it: fixture classes
 * ({@link Fixtures}) run through the JUnit Platform launcher one after another, round by round; each test's set-up,
 * body and tear-down timed ({@link FixtureRun}); a link's cost is its fixture's time per test minus the baseline's
 * (the same test talking to the server itself) in the same round.
 */
public final class ExtensionPerTestCost {

    /** A fixture class, where its link runs, and the baseline it is compared with. */
    private record Row(String name, String layout, Class<?> fixture, Class<?> baseline, boolean toxiproxy) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("no link (TCP)", "-", Fixtures.NoLinkTcpTests.class, null, false),
            new Row("TcpLink", "this JVM", Fixtures.TcpLinkTests.class, Fixtures.NoLinkTcpTests.class, false),
            new Row("SimulatedLink on serve's API", "own process", Fixtures.ToxiproxyLinkTests.class,
                    Fixtures.NoLinkTcpTests.class, true),
            new Row("no link (UDP)", "-", Fixtures.NoLinkUdpTests.class, null, false),
            new Row("UdpLink", "this JVM", Fixtures.UdpLinkTests.class, Fixtures.NoLinkUdpTests.class, false));

    private ExtensionPerTestCost() {
    }

    public static Section run(SuiteConfig config) throws Exception {
        Map<Row, List<FixtureRun>> runs = new LinkedHashMap<>();
        ROWS.forEach(row -> runs.put(row, new ArrayList<>()));
        String api = SharedProxies.serveApi();
        // One warm-up round, as a build's first test class pays for class loading.
        for (int round = -1; round < config.rounds(); round++) {
            for (Row row : ROWS) {
                FixtureRun run = FixtureRun.of(row.fixture(), config.testSamples() + 1,
                        row.toxiproxy() ? Map.of("netharness.toxiproxy", api) : Map.of());
                if (round >= 0) {
                    runs.get(row).add(run);
                }
            }
        }
        return report(config, runs);
    }

    private static Section report(SuiteConfig config, Map<Row, List<FixtureRun>> runs) {
        Section section = new Section("12. Cost per test through the JUnit extension, as a user's test sees it");
        section.header("test class", "link runs in", "set-up (median)", "body (median)", "tear-down (median)",
                "per test (median)", "per test (p90)", "added per test (median)");
        Map<Row, Double> added = new LinkedHashMap<>();
        for (Row row : ROWS) {
            List<FixtureRun> list = runs.get(row);
            double addedMedian = row.baseline() == null ? Double.NaN : addedMedian(list, runs.get(baselineRow(row)));
            added.put(row, addedMedian);
            section.row(row.name(), row.layout(), Stats.millis(medianOfRounds(list, FixtureRun::setup)),
                    Stats.millis(medianOfRounds(list, FixtureRun::body)),
                    Stats.millis(medianOfRounds(list, FixtureRun::teardown)),
                    Stats.millis(medianOfRounds(list, FixtureRun::total)),
                    Stats.millis(Stats.median(list.stream().mapToDouble(r -> Stats.percentile(90, r.total())).toArray())),
                    row.baseline() == null ? "-" : Stats.millis(addedMedian));
        }
        section.note(String.format("%d rounds (after 1 warm-up round), each running every test class once with %,d"
                        + " tests (one more, the first, pays for the class and is not counted) through the JUnit"
                        + " Platform launcher, in this JVM, serially. A test: a fresh instance whose link the extension"
                        + " starts (set-up), one connection and 1-byte echo (or one datagram) through it (body), and"
                        + " the link closed and checked (tear-down); timed from the end of the previous test to the"
                        + " end of this one. \"Added\": per-test median minus the no-link class's in the same round,"
                        + " median over rounds. \"SimulatedLink on serve's API\": the configuration parameter"
                        + " netharness.toxiproxy names the API of the suite's serve (a process of its own), so each"
                        + " test's link is a proxy created and deleted there.", config.rounds(), config.testSamples()));
        section.goal(Goal.atMost("per-test cost through the extension, TcpLink, added median (ms)", 2,
                added.get(ROWS.get(1)) / 1e6, "%.2f"));
        section.goal(Goal.atMost("per-test cost through the extension, UdpLink, added median (ms)", 2,
                added.get(ROWS.get(4)) / 1e6, "%.2f"));
        section.goal(Goal.atMost("per-test cost through the extension, a link on serve's API, added median (ms)", 2,
                added.get(ROWS.get(2)) / 1e6, "%.2f"));
        return section;
    }

    private static Row baselineRow(Row row) {
        return ROWS.stream().filter(r -> r.fixture() == row.baseline()).findFirst().orElseThrow();
    }

    private static double addedMedian(List<FixtureRun> runs, List<FixtureRun> baseline) {
        double[] added = new double[runs.size()];
        for (int i = 0; i < added.length; i++) {
            added[i] = Stats.median(runs.get(i).total()) - Stats.median(baseline.get(i).total());
        }
        return Stats.median(added);
    }

    private static double medianOfRounds(List<FixtureRun> runs, java.util.function.Function<FixtureRun, double[]> part) {
        return Stats.median(runs.stream().mapToDouble(r -> Stats.median(part.apply(r))).toArray());
    }
}
