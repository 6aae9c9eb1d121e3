package io.netharness.benchmarks.jmh;

import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.scenario.TcpBulkTransfer;
import java.io.IOException;
import java.time.Duration;
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

/**
 * Measurement 1: one bulk TCP transfer per invocation, timed until the sink has read the last byte.
 * The suite runs the same transfer interleaved across variants; this class is for JMH runs of one variant at a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class TcpThroughputBenchmark {

    @Param
    public Variant variant;

    @Param("268435456")
    public long bytes;

    private TcpBulkTransfer transfer;

    @Setup
    public void open() {
        transfer = new TcpBulkTransfer(variant, Impairment.NONE);
    }

    @Benchmark
    public long bulkTransfer() throws IOException, InterruptedException {
        return transfer.transfer(bytes, Duration.ofMinutes(2));
    }

    @TearDown
    public void close() {
        transfer.close();
    }
}
