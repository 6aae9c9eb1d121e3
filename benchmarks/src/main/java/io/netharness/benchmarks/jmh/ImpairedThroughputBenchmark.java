package io.netharness.benchmarks.jmh;

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
 * Measurement 7: bulk TCP transfer through an impaired hop. With a bandwidth cap the transfer moves
 * {@code cappedBytes} (two seconds' worth at 32 MiB/s) and should take bytes / cap; with latency and
 * jitter it moves {@code bytes} and is compared with the unimpaired hop in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class ImpairedThroughputBenchmark {

    @Param({"NETCRUSHER", "NETHARNESS"})
    public Variant variant;

    @Param
    public ImpairmentCase impairment;

    @Param("268435456")
    public long bytes;

    @Param("67108864")
    public long cappedBytes;

    private TcpBulkTransfer transfer;

    @Setup
    public void open() {
        transfer = new TcpBulkTransfer(variant, impairment.impairment());
    }

    @Benchmark
    public long bulkTransfer() throws IOException, InterruptedException {
        return transfer.transfer(bytesPerInvocation(), Duration.ofMinutes(2));
    }

    public long bytesPerInvocation() {
        return impairment == ImpairmentCase.BANDWIDTH_CAP ? cappedBytes : bytes;
    }

    @TearDown
    public void close() {
        transfer.close();
    }
}
