package io.netharness.simulator;

import static io.netharness.simulator.TcpTests.connect;
import static io.netharness.simulator.TcpTests.readExactly;
import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.internal.pcap.Tshark;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TcpLink records what crossed it to a pcap file that tshark reads. */
class TcpLinkCaptureTest {

    @TempDir
    Path dir;

    @Test
    void tsharkSeesTheHandshakeThePayloadBothWaysAndTheClose() throws Exception {
        Tshark.requireInstalled();
        Path file = dir.resolve("link.pcap");
        int clientPort;
        int serverPort;
        try (LoopbackServer echo = new LoopbackServer(LoopbackServer.ECHO);
                TcpLink link = TcpLink.builder().target(echo.address()).capture(file).build().start()) {
            serverPort = echo.port();
            try (Socket client = connect(link.address())) {
                clientPort = client.getLocalPort();
                client.getOutputStream().write("hello capture".getBytes(StandardCharsets.US_ASCII));
                assertThat(readExactly(client, 13)).asString(StandardCharsets.US_ASCII).isEqualTo("hello capture");
                client.shutdownOutput();
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            }
        }
        List<String[]> rows = Tshark.fields(file, List.of(), "tcp.srcport", "tcp.dstport", "tcp.flags.str",
                "tcp.len", "tcp.payload");
        String hello = HexFormat.of().formatHex("hello capture".getBytes(StandardCharsets.US_ASCII));
        List<String> summary = rows.stream()
                .map(r -> (r[0].equals(String.valueOf(clientPort)) ? "c>s " : "s>c ") + flags(r[2]) + " " + r[3]
                        + (r[4].isEmpty() ? "" : " " + r[4].replace(":", "")))
                .toList();
        assertThat(rows).allSatisfy(r -> assertThat(List.of(r[0], r[1]))
                .containsExactlyInAnyOrder(String.valueOf(clientPort), String.valueOf(serverPort)));
        assertThat(summary).startsWith("c>s S 0", "s>c AS 0", "c>s A 0", "c>s AP 13 " + hello, "s>c AP 13 " + hello);
        assertThat(summary).contains("c>s AF 0", "s>c AF 0");
    }

    /** tshark's flag string ("·······AP···") reduced to its letters, in tshark's order (A P R S F). */
    private static String flags(String tsharkFlags) {
        return tsharkFlags.replaceAll("[^A-Z]", "");
    }

    @Test
    void aResetByTheLinkIsRecordedAsARstTowardsItsReceiver() throws Exception {
        Tshark.requireInstalled();
        Path file = dir.resolve("reset.pcap");
        int clientPort;
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.HOLD);
                TcpLink link = TcpLink.builder().target(server.address()).capture(file).build().start();
                Socket client = connect(link.address())) {
            clientPort = client.getLocalPort();
            client.getOutputStream().write('x');
            Socket accepted = server.nextConnection();
            accepted.setSoTimeout(10_000);
            assertThat(accepted.getInputStream().read()).isEqualTo('x');
            link.addFault(Direction.DOWNSTREAM, ConnectionFault.resetPeer(Duration.ZERO));
            assertThat(TcpTests.awaitEnd(client)).isEqualTo("Connection reset");
        }
        List<String[]> rows = Tshark.fields(file, List.of(), "tcp.srcport", "tcp.flags.str", "tcp.len");
        List<String> summary = rows.stream()
                .map(r -> (r[0].equals(String.valueOf(clientPort)) ? "c>s " : "s>c ") + flags(r[1]) + " " + r[2])
                .toList();
        assertThat(summary).containsExactly("c>s S 0", "s>c AS 0", "c>s A 0", "c>s AP 1", "s>c AR 0");
    }
}
