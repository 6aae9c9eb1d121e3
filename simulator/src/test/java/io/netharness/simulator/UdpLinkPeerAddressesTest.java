package io.netharness.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A server that answers from another port than the one it was asked on (TFTP's transfer ID) works through a UDP link:
 * the answer reaches the client from a link-side address of its own, and what the client sends there reaches that
 * port, from the client's session.
 */
class UdpLinkPeerAddressesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aReplyFromAnotherPortComesFromALinkSideAddressThatForwardsToThatPort() throws Exception {
        try (DatagramSocket listening = socket(); DatagramSocket transfer = socket(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(address(listening)).seed(1).build().start()) {
            client.send("RRQ".getBytes(UTF_8), link.address());
            DatagramPacket request = receive(listening);
            InetSocketAddress session = (InetSocketAddress) request.getSocketAddress();

            transfer.send(packet("DATA 1", session)); // the answer comes from the transfer port
            UdpPeer.Received data = client.poll(WAIT);

            assertThat(data).isNotNull();
            assertThat(new String(data.data(), UTF_8)).isEqualTo("DATA 1");
            assertThat(data.sender().getAddress()).isEqualTo(link.address().getAddress());
            assertThat(data.sender().getPort()).isNotEqualTo(link.address().getPort());
            assertThat(link.peerAddresses()).containsExactlyEntriesOf(java.util.Map.of(address(transfer), data.sender()));

            client.send("ACK 1".getBytes(UTF_8), data.sender()); // the client answers the port that answered it
            DatagramPacket ack = receive(transfer);
            assertThat(new String(ack.getData(), 0, ack.getLength(), UTF_8)).isEqualTo("ACK 1");
            assertThat(ack.getSocketAddress()).as("the client's session, as the request came from").isEqualTo(session);

            listening.send(packet("from the target", session));
            assertThat(client.poll(WAIT).sender()).as("the target's own replies").isEqualTo(link.address());
            Waiting.until("both ways counted", WAIT, () -> link.statistics().upstream().delivered() == 2
                    && link.statistics().downstream().delivered() == 2);
        }
    }

    @Test
    void everyClientReachesAPeerThroughItsOwnSession() throws Exception {
        try (DatagramSocket listening = socket(); DatagramSocket transfer = socket(); UdpPeer a = UdpPeer.receiver();
                UdpPeer b = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(address(listening)).build().start()) {
            a.send("a".getBytes(UTF_8), link.address());
            InetSocketAddress sessionA = (InetSocketAddress) receive(listening).getSocketAddress();
            b.send("b".getBytes(UTF_8), link.address());
            InetSocketAddress sessionB = (InetSocketAddress) receive(listening).getSocketAddress();
            transfer.send(packet("to a", sessionA));
            transfer.send(packet("to b", sessionB));
            InetSocketAddress peerForA = a.poll(WAIT).sender();
            InetSocketAddress peerForB = b.poll(WAIT).sender();
            assertThat(peerForB).as("one link-side address per upstream peer").isEqualTo(peerForA);

            a.send("from a".getBytes(UTF_8), peerForA);
            b.send("from b".getBytes(UTF_8), peerForB);

            DatagramPacket first = receive(transfer);
            DatagramPacket second = receive(transfer);
            assertThat(java.util.Map.of(text(first), first.getSocketAddress(), text(second), second.getSocketAddress()))
                    .containsEntry("from a", sessionA).containsEntry("from b", sessionB);
        }
    }

    @Test
    void withLinkAddressRepliesEveryReplyComesFromTheLinkAndClientsReachOnlyTheTarget() throws Exception {
        try (DatagramSocket listening = socket(); DatagramSocket transfer = socket(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(address(listening))
                        .replyAddresses(UdpLink.ReplyAddresses.LINK_ADDRESS).build().start()) {
            client.send("RRQ".getBytes(UTF_8), link.address());
            InetSocketAddress session = (InetSocketAddress) receive(listening).getSocketAddress();
            transfer.send(packet("DATA 1", session));

            UdpPeer.Received data = client.poll(WAIT);
            assertThat(data.sender()).isEqualTo(link.address());
            assertThat(link.peerAddresses()).isEmpty();
            client.send("ACK 1".getBytes(UTF_8), data.sender());
            assertThat(text(receive(listening))).as("the ACK reaches the target's listening port").isEqualTo("ACK 1");
        }
    }

    @Test
    void peerPathsAreImpairedAndCountedLikeTheTargetsAndCutForgetsThem() throws Exception {
        LinkProfile losesAll = LinkProfile.builder().loss(Loss.random(1.0)).build();
        try (DatagramSocket listening = socket(); DatagramSocket transfer = socket(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(address(listening)).seed(3).build().start()) {
            client.send("RRQ".getBytes(UTF_8), link.address());
            InetSocketAddress session = (InetSocketAddress) receive(listening).getSocketAddress();
            transfer.send(packet("DATA 1", session));
            InetSocketAddress peer = client.poll(WAIT).sender();

            link.profile(Direction.UPSTREAM, losesAll);
            client.send("ACK 1".getBytes(UTF_8), peer);
            Waiting.until("the ACK to the peer address counted as dropped", WAIT,
                    () -> link.statistics().upstream().dropped() == 1);
            assertThat(link.statistics().upstream().datagramsIn()).isEqualTo(2);

            link.cut(CutMode.DROP_EXISTING);
            assertThat(link.peerAddresses()).isEmpty();
            assertThat(link.sessions()).isZero();
        }
    }

    private static DatagramSocket socket() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static InetSocketAddress address(DatagramSocket socket) {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private static DatagramPacket packet(String text, InetSocketAddress to) {
        byte[] bytes = text.getBytes(UTF_8);
        return new DatagramPacket(bytes, bytes.length, to);
    }

    private static DatagramPacket receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[1_024], 1_024);
        socket.receive(packet);
        return packet;
    }

    private static String text(DatagramPacket packet) {
        return new String(packet.getData(), 0, packet.getLength(), UTF_8);
    }
}
