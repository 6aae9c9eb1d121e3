package io.netharness.benchmarks.jmh;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Variant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs one JMH benchmark class with the suite's sizes, only for variants this build can measure. */
public final class JmhRunner {

    private JmhRunner() {
    }

    public static Collection<RunResult> run(Class<?> benchmark, SuiteConfig config, List<Variant> variants,
                                            Map<String, String> params) throws RunnerException {
        List<String> measurable = new ArrayList<>();
        for (Variant variant : variants) {
            if (Hops.unavailable(variant).isEmpty()) {
                measurable.add(variant.name());
            }
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("\\." + benchmark.getSimpleName() + "\\.")
                .param("variant", measurable.toArray(String[]::new))
                .forks(config.jmhForks())
                .warmupIterations(config.jmhWarmups())
                .measurementIterations(config.rounds())
                .warmupTime(TimeValue.milliseconds(config.jmhIterationTime().toMillis()))
                .measurementTime(TimeValue.milliseconds(config.jmhIterationTime().toMillis()))
                .timeout(TimeValue.minutes(5))
                .shouldFailOnError(true)
                .verbosity(config.jmhForks() == 0 ? VerboseMode.SILENT : VerboseMode.NORMAL)
                .timeUnit(TimeUnit.MICROSECONDS);
        params.forEach(options::param);
        return new Runner(options.build()).run();
    }

    public static Variant variant(RunResult result) {
        return Variant.valueOf(result.getParams().getParam("variant"));
    }

    /** Median of the per-iteration scores, in microseconds (per invocation for single-shot runs). */
    public static double medianMicros(RunResult result) {
        return result.getPrimaryResult().getStatistics().getPercentile(50);
    }
}
