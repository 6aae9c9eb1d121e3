package io.netharness.benchmarks.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The JMH benchmarks, one short iteration each in this JVM: they must run and score every variant. */
class JmhBenchmarksSmokeTest {

    static {
        // A benchmark run elsewhere on the machine holds JMH's lock; a smoke run measures nothing and may share.
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void everyBenchmarkScoresEveryVariant() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("io\\.netharness\\.benchmarks\\.jmh\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .param("bytes", Long.toString(1L << 20))
                .param("cappedBytes", Long.toString(256L << 10))
                .timeUnit(TimeUnit.MICROSECONDS)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build()).run();

        // TcpThroughput and PerTestCost: 3 variants each; ImpairedThroughput: 2 variants x 3 impairments.
        assertThat(results).hasSize(12);
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }
}
