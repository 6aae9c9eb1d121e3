package io.netharness.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.internal.pcap.Tshark;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.LinkProfile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links record what they send on to a pcap that {@code tshark -r} reads back. */
class LinkCaptureTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<String> VERIFY_CHECKSUMS = List.of("udp.check_checksum:TRUE", "ip.check_checksum:TRUE");

    @TempDir
    Path dir;

    @Test
    void udpLinkCaptureShowsBothDirectionsAfterImpairment() throws Exception {
        Tshark.requireInstalled();
        Path file = dir.resolve("udp-link.pcap");
        LinkProfile twice = LinkProfile.builder().duplication(new Duplication(1.0, 0.0)).build();
        InetSocketAddress serverAddress;
        InetSocketAddress clientAddress;
        try (UdpPeer server = UdpPeer.echoServer(); UdpPeer client = UdpPeer.receiver()) {
            serverAddress = server.address();
            clientAddress = client.address();
            try (UdpLink link = UdpLink.builder().target(server.address()).upstream(twice).capture(file).build()
                    .start()) {
                for (int i = 0; i < 3; i++) {
                    client.send(("datagram-" + i).getBytes(UTF_8), link.address());
                }
                for (int i = 0; i < 6; i++) {
                    assertThat(client.poll(WAIT)).as("echo %d of 6", i).isNotNull();
                }
            }
        }

        List<String[]> rows = Tshark.fields(file, VERIFY_CHECKSUMS, "ip.src", "udp.srcport", "ip.dst", "udp.dstport",
                "udp.length", "udp.checksum.status");

        assertThat(rows).hasSize(12);
        long upstream = rows.stream().filter(r -> r[1].equals(port(clientAddress)) && r[3].equals(port(serverAddress)))
                .count();
        long downstream = rows.stream().filter(r -> r[1].equals(port(serverAddress)) && r[3].equals(port(clientAddress)))
                .count();
        assertThat(upstream).as("duplicated client -> target copies").isEqualTo(6);
        assertThat(downstream).as("echoes target -> client").isEqualTo(6);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r[0]).isEqualTo("127.0.0.1");
            assertThat(r[4]).isEqualTo(String.valueOf(8 + "datagram-0".length()));
            assertThat(r[5]).as("checksum status good").isEqualTo("1");
        });
    }

    @Test
    void multicastLinkCaptureShowsSenderToReceiver() throws Exception {
        Tshark.requireInstalled();
        Path file = dir.resolve("multicast-link.pcap");
        InetSocketAddress senderAddress;
        InetSocketAddress receiverAddress;
        try (UdpPeer sender = UdpPeer.multicastSender(); UdpPeer receiver = UdpPeer.receiver()) {
            senderAddress = sender.address();
            receiverAddress = receiver.address();
            try (MulticastLink link = MulticastLink.builder()
                    .group(new InetSocketAddress(InetAddress.getByName("239.255.201.7"), 0))
                    .receiver(receiver.address()).capture(file).build().start()) {
                sender.send("to the group".getBytes(UTF_8), link.address());
                assertThat(receiver.poll(WAIT)).isNotNull();
            }
        }

        List<String[]> rows = Tshark.fields(file, VERIFY_CHECKSUMS, "udp.srcport", "udp.dstport", "udp.length",
                "udp.checksum.status");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsExactly(port(senderAddress), port(receiverAddress),
                String.valueOf(8 + "to the group".length()), "1");
    }

    private static String port(InetSocketAddress address) {
        return String.valueOf(address.getPort());
    }
}
