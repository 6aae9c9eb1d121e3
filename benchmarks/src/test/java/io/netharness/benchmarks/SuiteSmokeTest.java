package io.netharness.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import io.netharness.benchmarks.lineup.Prerequisites;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The whole suite, JMH included (in this JVM, no forks), at smoke sizes: the report must come out complete, every
 * contender of both layouts in it.
 */
@ResourceLock(Prerequisites.SHARED_PROXIES) // the suite stops them at its end: not while another test uses them
class SuiteSmokeTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // some 30 JVMs start on a busy 2-core machine
    void smokeRunReportsEveryMeasurementAndEveryGoal() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        String report = Suite.run(SuiteConfig.smoke(), new TreeSet<>(Suite.MEASUREMENTS.keySet()),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        for (int number : Suite.MEASUREMENTS.keySet()) {
            assertThat(report).contains("### " + number + ". ");
        }
        assertThat(report).contains("### Goals");
        assertThat(report).doesNotContain("NaN").doesNotContain("Infinity");
        for (String variant : Set.of("| DIRECT |", "| NETCRUSHER |", "| NETHARNESS |", "| NETCRUSHER | own process |",
                "| NETHARNESS serve --link | own process |", "| NETHARNESS serve API proxy | own process |")) {
            assertThat(report).contains(variant);
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(report).as("the C relay floors run on CI (.ci/setup-tools installs gcc)")
                    .contains("| C RELAY copy | own process | ").doesNotContain("gcc is not installed");
        }
        assertThat(report.lines().filter(line -> line.startsWith("| ") && line.endsWith(" met |")
                || line.endsWith(" MISSED |") || line.endsWith(" not measured |")).count())
                .as("goal rows").isGreaterThanOrEqualTo(29);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains(report.lines().findFirst().orElseThrow());
    }
}
