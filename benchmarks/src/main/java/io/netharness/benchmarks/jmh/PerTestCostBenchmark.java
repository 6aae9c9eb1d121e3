package io.netharness.benchmarks.jmh;

import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.scenario.TestLifecycle;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Measurement 5: the set-up and tear-down cost of one test, sampled (median and p99 from JMH). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PerTestCostBenchmark {

    @Param
    public Variant variant;

    private EventLoopGroup serverGroup;

    @Setup
    public void open() {
        serverGroup = Loops.newGroup(1);
    }

    @Benchmark
    public byte startRoundTripClose() throws IOException {
        return TestLifecycle.once(variant, serverGroup);
    }

    @TearDown
    public void close() {
        Loops.shutdown(serverGroup);
    }
}
