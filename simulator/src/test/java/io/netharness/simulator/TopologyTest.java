package io.netharness.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.simulator.topology.Partition;
import io.netharness.simulator.topology.Topology;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void isolateSplitAndHealCutExactlyTheLinksBetweenGroups() throws Exception {
        try (ServerSocket tcpServer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                UdpPeer udpServer = UdpPeer.echoServer(); UdpPeer client = UdpPeer.receiver();
                UdpLink ab = UdpLink.builder().target(udpServer.address()).build().start();
                UdpLink bc = UdpLink.builder().target(udpServer.address()).build().start();
                TcpLink ac = TcpLink.builder().target((InetSocketAddress) tcpServer.getLocalSocketAddress()).build()
                        .start()) {
            Topology network = new Topology().link("a", "b", ab).link("b", "c", bc).link("a", "c", ac);

            network.isolate("c");
            assertThat(List.of(ab.isCut(), bc.isCut(), ac.isCut())).containsExactly(false, true, true);
            assertThat(network.canReach("a", "b")).isTrue();
            assertThat(network.canReach("a", "c")).isFalse();
            assertThat(roundTrip(client, ab)).isTrue();
            assertThat(roundTrip(client, bc)).isFalse();

            network.split(Set.of("a"), Set.of("b", "c"));
            assertThat(List.of(ab.isCut(), bc.isCut(), ac.isCut())).containsExactly(true, false, true);
            assertThat(roundTrip(client, bc)).as("healed when the new partition no longer separates b and c").isTrue();
            assertThat(network.toString()).isEqualTo("Topology{nodes [a, b, c], 3 links, Partition[[a], [b, c]]}");

            network.heal();
            assertThat(List.of(ab.isCut(), bc.isCut(), ac.isCut())).containsExactly(false, false, false);
            assertThat(network.partition()).isEmpty();
            assertThat(roundTrip(client, ab)).isTrue();
        }
    }

    @Test
    void healLeavesLinksThatWereCutByTheTestItself() throws Exception {
        try (UdpPeer server = UdpPeer.echoServer();
                UdpLink ab = UdpLink.builder().target(server.address()).build().start();
                UdpLink bc = UdpLink.builder().target(server.address()).build().start()) {
            Topology network = new Topology().link("a", "b", ab).link("b", "c", bc);
            bc.cut();

            network.isolate("b");
            network.heal();

            assertThat(ab.isCut()).isFalse();
            assertThat(bc.isCut()).as("cut by the test, not by the network").isTrue();
        }
    }

    @Test
    void linkAddedDuringAPartitionIsCutIfItCrossesIt() throws Exception {
        try (UdpPeer server = UdpPeer.echoServer();
                UdpLink late = UdpLink.builder().target(server.address()).build().start()) {
            Topology network = new Topology().node("a").node("b").isolate("a");
            network.link("a", "b", late);
            assertThat(late.isCut()).isTrue();
        }
    }

    @Test
    void partitionsAreValidatedWithFieldAndExpectation() {
        Topology network = new Topology().node("a").node("b");
        assertThatThrownBy(() -> network.isolate("x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node: 'x' (expected: one of [a, b])");
        assertThatThrownBy(() -> Partition.split(Set.of("a"), Set.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: disjoint groups, but 'a' is in more than one");
        assertThatThrownBy(() -> network.link("a", "a", UdpLink.to(9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("link: a -> a (expected: two different nodes)");
        assertThat(Partition.isolate("a").separates("a", "b")).isTrue();
        assertThat(Partition.isolate("a").separates("b", "c")).as("the rest is one group").isFalse();
    }

    /** Whether an echo through {@code link} comes back within a short wait. */
    private static boolean roundTrip(UdpPeer client, UdpLink link) throws InterruptedException {
        client.send("ping".getBytes(UTF_8), link.address());
        UdpPeer.Received reply = client.poll(link.isCut() ? Duration.ofMillis(200) : WAIT);
        return reply != null;
    }
}
