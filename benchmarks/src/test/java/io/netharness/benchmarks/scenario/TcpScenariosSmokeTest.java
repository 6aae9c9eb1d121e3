package io.netharness.benchmarks.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.benchmarks.endpoint.EchoServer;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.experiment.SpliceProxy;
import io.netharness.benchmarks.experiment.SpliceThroughput;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Smoke runs of the TCP scenarios behind measurements 1, 2, 5 and 7: tiny sizes, real checks. */
class TcpScenariosSmokeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyHopEchoesRandomBytesIntact(Variant variant) throws Exception {
        echoesRandomBytesIntact(target -> Hops.tcp(variant, target, Impairment.NONE));
    }

    @Test
    void spliceExperimentEchoesRandomBytesIntactAndTransfers() throws Exception {
        echoesRandomBytesIntact(SpliceProxy::new);
        assertThat(SpliceThroughput.rate(new TcpBulkTransfer(SpliceProxy::new), 1L << 20)).isPositive();
    }

    private static void echoesRandomBytesIntact(Function<InetSocketAddress, Hop> hops) throws Exception {
        byte[] sent = new byte[512 * 1024];
        new SplittableRandom(42).nextBytes(sent);
        byte[] received = new byte[sent.length];
        EventLoopGroup group = Loops.newGroup(1);
        try (EchoServer server = new EchoServer(group);
             Hop hop = hops.apply(server.address());
             SocketChannel client = Sockets.connect(hop.address())) {
            int block = 16 * 1024; // write a block, read it back: neither side's buffers can fill up
            for (int offset = 0; offset < sent.length; offset += block) {
                Sockets.writeFully(client, ByteBuffer.wrap(sent, offset, block));
                Sockets.readFully(client, ByteBuffer.wrap(received, offset, block));
            }
        } finally {
            Loops.shutdown(group);
        }
        assertThat(received).isEqualTo(sent);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void bulkTransferReachesTheSinkAndMeasuresAPositiveTime(Variant variant) throws Exception {
        try (TcpBulkTransfer transfer = new TcpBulkTransfer(variant, Impairment.NONE)) {
            long first = transfer.transfer(2L << 20, TIMEOUT);
            long second = transfer.transfer(2L << 20, TIMEOUT); // the sink counts from zero again
            assertThat(first).isPositive();
            assertThat(second).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void pingPongMeasuresRoundTripsOfCheckedEchoes(Variant variant) throws Exception {
        try (PingPong pingPong = new PingPong(variant, 1)) {
            for (int i = 0; i < 300; i++) { // more than 256: the counter byte wraps
                assertThat(pingPong.roundTrip()).isPositive();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void oneTestLifecycleEchoesItsByte(Variant variant) throws Exception {
        EventLoopGroup group = Loops.newGroup(1);
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(TestLifecycle.once(variant, group)).isEqualTo((byte) 42);
            }
        } finally {
            Loops.shutdown(group);
        }
    }

    /** NetHarness only: NetCrusher's rate throttler lets a second's worth through at full speed first. */
    @Test
    void bandwidthCapHoldsTheSinkBelowTheCap() throws Exception {
        long cap = 8L << 20;
        try (TcpBulkTransfer transfer = new TcpBulkTransfer(Variant.NETHARNESS, Impairment.bandwidth(cap))) {
            long bytes = 2L << 20;
            // Timed from the first write, not the first arrival: a late first delivery on a busy machine shortens a
            // first-to-last window but cannot shorten this one. Only an upper bound is safe on a busy machine; a
            // cap that did nothing would deliver at memory speed.
            double rate = bytes * 1e9 / transfer.transfer(bytes, TIMEOUT);
            assertThat(rate).isPositive().isLessThan(cap * 1.05);
        }
    }

    @Test
    void latencyMakesATransferLastAtLeastTheDelay() throws Exception {
        Duration delay = Duration.ofMillis(30);
        try (TcpBulkTransfer transfer = new TcpBulkTransfer(Variant.NETHARNESS, Impairment.latency(delay, Duration.ZERO))) {
            assertThat(transfer.transfer(64 * 1024, TIMEOUT)).isGreaterThanOrEqualTo(delay.toNanos());
        }
    }
}
