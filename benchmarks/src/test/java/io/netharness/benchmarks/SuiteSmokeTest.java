package io.netharness.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The whole suite, JMH included (in this JVM, no forks), at smoke sizes: the report must come out complete. */
class SuiteSmokeTest {

    @Test
    void smokeRunReportsEveryMeasurementAndEveryGoal() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        String report = Suite.run(SuiteConfig.smoke(), new TreeSet<>(Suite.MEASUREMENTS.keySet()),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        for (String title : Set.of("### 1. ", "### 2. ", "### 3. ", "### 4. ", "### 5. ", "### 6. ", "### 7. ",
                "### 8. ", "### 9. ", "### Goals")) {
            assertThat(report).contains(title);
        }
        assertThat(report).doesNotContain("NaN").doesNotContain("Infinity");
        for (String variant : Set.of("| DIRECT |", "| NETCRUSHER |", "| NETHARNESS |")) {
            assertThat(report).contains(variant);
        }
        assertThat(report.lines().filter(line -> line.startsWith("| ") && line.endsWith(" met |")
                || line.endsWith(" MISSED |") || line.endsWith(" not measured |")).count())
                .as("goal rows").isGreaterThanOrEqualTo(12);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains(report.lines().findFirst().orElseThrow());
    }
}
