package io.netharness.simulator.internal.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {

    private static final List<String> VERIFY_CHECKSUMS = List.of("ip.check_checksum:TRUE",
            "udp.check_checksum:TRUE", "tcp.check_checksum:TRUE");

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_123_456_789L);

    private long tick() {
        return clock.getAndAdd(1_500);
    }

    @Test
    void udpDatagramsAreReadBackByTsharkWithPortsLengthsAndGoodChecksums() throws Exception {
        Tshark.requireInstalled();
        Path file = dir.resolve("udp.pcap");
        InetSocketAddress client = new InetSocketAddress("127.0.0.1", 40000);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", 5353);
        ByteBuf buffer = Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII);
        try (PcapWriter writer = PcapWriter.open(file, this::tick)) {
            writer.udp(client, server, buffer);
            writer.udp(server, client, new byte[1200]);
            writer.udp(client, server, new byte[0]);
            writer.udp(new InetSocketAddress("::1", 40001), server, new byte[3]);
            assertThat(buffer.readerIndex()).isZero();
        } finally {
            buffer.release();
        }
        List<String[]> rows = Tshark.fields(file, VERIFY_CHECKSUMS, "udp.srcport", "udp.dstport", "udp.length",
                "udp.checksum.status", "ip.checksum.status", "frame.time_epoch");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).startsWith("40000", "5353", "13", "1", "1");
        assertThat(rows.get(1)).startsWith("5353", "40000", "1208", "1", "1");
        assertThat(rows.get(2)).startsWith("40000", "5353", "8", "1", "1");
        assertThat(rows.get(3)).startsWith("40001", "5353", "11", "1");
        assertThat(rows.get(0)[5]).startsWith("1700000000.123456789");
    }

    @Test
    void tcpFlowHasHandshakeConsistentSequenceNumbersAndFin() throws Exception {
        Tshark.requireInstalled();
        Path file = dir.resolve("tcp.pcap");
        InetSocketAddress client = new InetSocketAddress("127.0.0.1", 41000);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", 6379);
        try (PcapWriter writer = PcapWriter.open(file, this::tick)) {
            TcpFlow flow = writer.tcpFlow(client, server);
            flow.data(Direction.UPSTREAM, "PING\r\n".getBytes(StandardCharsets.US_ASCII));
            flow.data(Direction.DOWNSTREAM, "+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
            flow.data(Direction.UPSTREAM, new byte[70_000]); // split into two segments
            flow.fin(Direction.UPSTREAM);
            flow.fin(Direction.DOWNSTREAM);
        }
        List<String[]> rows = Tshark.fields(file, VERIFY_CHECKSUMS, "tcp.srcport", "tcp.flags.str", "tcp.seq",
                "tcp.ack", "tcp.len", "tcp.checksum.status", "tcp.analysis.flags");
        assertThat(rows).extracting(r -> r[0] + " " + r[2] + " " + r[3] + " " + r[4]).containsExactly(
                "41000 0 0 0", // SYN (relative numbers; ack not set)
                "6379 0 1 0", // SYN-ACK
                "41000 1 1 0", // ACK
                "41000 1 1 6", // PING
                "6379 1 7 7", // +PONG
                "41000 7 8 65000",
                "41000 65007 8 5000",
                "41000 70007 8 0", // FIN
                "6379 8 70008 0", // FIN
                "41000 70008 9 0"); // last ACK
        assertThat(rows).allSatisfy(r -> {
            assertThat(r[5]).as("checksum status").isEqualTo("1");
            assertThat(r[6]).as("tcp analysis flags").isEmpty();
        });
    }
}
