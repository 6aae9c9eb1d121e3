package io.netharness.benchmarks;

import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.lineup.SharedProxies;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.scenario.ColdReplay;
import io.netharness.benchmarks.pertest.ExtensionPerTestCost;
import io.netharness.benchmarks.scenario.ConnectionScale;
import io.netharness.benchmarks.scenario.ConnectionSetup;
import io.netharness.benchmarks.scenario.DelayPrecision;
import io.netharness.benchmarks.scenario.FirstUseCost;
import io.netharness.benchmarks.scenario.ImpairmentCost;
import io.netharness.benchmarks.scenario.PerTestCost;
import io.netharness.benchmarks.scenario.RoundTripLatency;
import io.netharness.benchmarks.scenario.ServeMemory;
import io.netharness.benchmarks.scenario.TcpThroughput;
import io.netharness.benchmarks.scenario.UdpRate;
import io.netharness.benchmarks.scenario.UdpRoundTripLatency;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs the measurements and prints one Markdown report: environment, a table per measurement,
 * and the goals with what this run achieved. {@code --smoke} runs everything with tiny sizes;
 * {@code --only 1,3} runs a subset; {@code --out FILE} also writes the report to a file.
 */
public final class Suite {

    /** A measurement: its number in the tracker issue and how to run it. */
    @FunctionalInterface
    public interface Measurement {
        Section run(SuiteConfig config) throws Exception;
    }

    public static final Map<Integer, Measurement> MEASUREMENTS = measurements();

    private Suite() {
    }

    public static void main(String[] args) throws Exception {
        SuiteConfig config = SuiteConfig.full();
        Set<Integer> only = new TreeSet<>(MEASUREMENTS.keySet());
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> config = SuiteConfig.smoke();
                case "--only" -> only = parseList(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]
                        + " (expected: --smoke, --only 1,2,..., --out FILE)");
            }
        }
        String report = run(config, only, System.out);
        if (out != null) {
            Files.writeString(out, report);
        }
    }

    /**
     * Runs the measurements numbered {@code only} and returns the whole report; each part is also
     * printed to {@code progress} as soon as it is known.
     */
    public static String run(SuiteConfig config, Set<Integer> only, PrintStream progress) throws Exception {
        StringBuilder report = new StringBuilder(environment()).append('\n');
        progress.println(report);
        List<Section> sections = new ArrayList<>();
        try {
            runEach(config, only, progress, report, sections);
        } finally {
            SharedProxies.close();
        }
        String goals = goals(sections);
        progress.println(goals);
        return report.append(goals).toString();
    }

    private static void runEach(SuiteConfig config, Set<Integer> only, PrintStream progress, StringBuilder report,
            List<Section> sections) throws Exception {
        for (int number : only) {
            Measurement measurement = MEASUREMENTS.get(number);
            if (measurement == null) {
                throw new IllegalArgumentException("--only: no measurement " + number + " (expected: 1-"
                        + MEASUREMENTS.size() + ")");
            }
            long start = System.nanoTime();
            Section section = measurement.run(config);
            sections.add(section);
            String text = section.toMarkdown();
            report.append(text).append('\n');
            progress.println(text);
            progress.printf("(measurement %d took %.1f s)%n%n", number, (System.nanoTime() - start) / 1e9);
        }
    }

    private static Map<Integer, Measurement> measurements() {
        Map<Integer, Measurement> all = new LinkedHashMap<>();
        all.put(1, TcpThroughput::run);
        all.put(2, RoundTripLatency::run);
        all.put(3, UdpRate::run);
        all.put(4, DelayPrecision::run);
        all.put(5, PerTestCost::run);
        all.put(6, ConnectionScale::run);
        all.put(7, ImpairmentCost::run);
        all.put(8, FirstUseCost::run);
        all.put(9, ColdReplay::run);
        all.put(10, UdpRoundTripLatency::run);
        all.put(11, ConnectionSetup::run);
        all.put(12, ExtensionPerTestCost::run);
        all.put(13, ServeMemory::run);
        return Map.copyOf(all);
    }

    static String goals(List<Section> sections) {
        Section summary = new Section("Goals");
        summary.header("goal", "target", "achieved", "verdict");
        for (Section section : sections) {
            for (Goal goal : section.goals()) {
                summary.row(goal.name(), goal.target(), goal.achieved(), goal.verdict());
            }
        }
        return summary.toMarkdown();
    }

    static String environment() throws IOException {
        Runtime runtime = Runtime.getRuntime();
        return String.join("\n",
                "## Environment",
                "",
                "- date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS),
                "- processors: " + runtime.availableProcessors(),
                "- load average (1, 5, 15 min) at start: " + Files.readString(Path.of("/proc/loadavg")).trim(),
                "- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "- max heap: " + (runtime.maxMemory() >> 20) + " MiB",
                "- transport of the benchmark's own endpoints: " + (Loops.epoll() ? "epoll (native)" : "NIO"),
                "- process layout: load generator and endpoint in this JVM; proxies in this JVM (\"this JVM\") or"
                        + " in a process of their own (\"own process\": serve, NetCrusher in a child JVM, the C"
                        + " relays) as each table says; for 6 each proxy runs alone in a child JVM; for 8 and 9"
                        + " every sample is a fresh child JVM",
                "- descriptor limit per process: " + io.netharness.benchmarks.scenario.ConnectionScale.descriptorLimit(),
                "");
    }

    private static Set<Integer> parseList(String list) {
        Set<Integer> numbers = new TreeSet<>();
        for (String part : list.split(",")) {
            numbers.add(Integer.parseInt(part.trim()));
        }
        return numbers;
    }
}
