package io.netharness.junit;

import static io.netharness.junit.assertj.NetHarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.netharness.core.Chunk;
import io.netharness.core.servers.HarnessServer;
import io.netharness.core.servers.ServerKind;
import io.netharness.core.udp.MulticastSender;
import io.netharness.simulator.MulticastLink;
import io.netharness.simulator.UdpLink;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Multicast endpoints and links: a group receiver injected like any server, an impaired link to it. */
class MulticastTests {

    @InProcessServer(ServerKind.MULTICAST_SINK)
    HarnessServer defaultGroup;

    @Test
    void sinkJoinsItsGroupAndRecordsWhatIsSentToIt(
            @InProcessServer(value = ServerKind.MULTICAST_SINK, group = "239.255.0.42") HarnessServer sink)
            throws Exception {
        assertThat(sink.address().getAddress()).isEqualTo(InetAddress.getByName("239.255.0.42"));
        assertThat(defaultGroup.address().getAddress()).isEqualTo(InetAddress.getByName(InProcessServer.DEFAULT_GROUP));
        try (MulticastSender sender = MulticastSender.builder(sink.address()).build()) {
            sender.start();
            sender.inbox().put(Chunk.ofUtf8("to the group"), Duration.ofSeconds(10));
            assertThat(sink).receivedWithin(Duration.ofSeconds(10), "to the group");
        }
        assertThat(defaultGroup).as("another port of another group").receivedNothing();
    }

    @Test
    void groupMustBeAMulticastAddress() {
        EngineExecutionResults results = TestKit.run(NotMulticast.class);
        results.testEvents().assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message("@InProcessServer on field 'sink' in"
                        + " MulticastTests.NotMulticast requires that `group` be a multicast address literal such as"
                        + " \"239.255.0.1\" or \"ff02::1:3\" (was \"10.0.0.1\")."))));
    }

    @Test
    void linkToAMulticastSinkImpairsWhatTheGroupHears(
            @InProcessServer(value = ServerKind.MULTICAST_SINK, group = "239.255.0.43", name = "receiver")
            HarnessServer receiver,
            @SimulatedLink(targetServer = "receiver", loss = 0.3) MulticastLink link) throws Exception {
        assertThat(link.target()).isEqualTo(receiver.address());
        assertThat(link.address().getAddress()).as("the link joins the receiver's group, on its own port")
                .isEqualTo(receiver.address().getAddress());
        assertThat(link.address().getPort()).isNotEqualTo(receiver.address().getPort());
        try (MulticastSender sender = MulticastSender.builder(link.address()).build()) {
            sender.start();
            for (int i = 0; i < 100; i++) {
                sender.inbox().put(Chunk.ofUtf8(String.format("%04d", i)), Duration.ofSeconds(10));
            }
            UdpTests.awaitTrue("every datagram delivered or dropped", () -> link.statistics().upstream().datagramsIn()
                    == 100 && link.statistics().upstream().delivered() + link.statistics().upstream().dropped() == 100);
        }
        long delivered = link.statistics().upstream().delivered();
        UdpTests.awaitTrue("the receiver got every delivered datagram", () -> receiver.received().size() == delivered);
        assertThat(link).hasDroppedDatagrams().upstream().hasLossRateBetween(0.1, 0.5);
    }

    @Test
    void udpLinkToAMulticastSinkIsAMisconfiguration() {
        EngineExecutionResults results = TestKit.run(UdpLinkToGroup.class);
        results.testEvents().assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message("@SimulatedLink on field 'link' in"
                        + " MulticastTests.UdpLinkToGroup requires that its protocol (UDP) match the protocol of the"
                        + " server `targetServer` names (MULTICAST)."))));
    }

    // ---- fixtures, run only through TestKit ----

    static class NotMulticast {
        @InProcessServer(value = ServerKind.MULTICAST_SINK, group = "10.0.0.1") HarnessServer sink;

        @Test void test() {}
    }

    static class UdpLinkToGroup {
        @InProcessServer(ServerKind.MULTICAST_SINK) HarnessServer group;
        @SimulatedLink(targetServer = "group") UdpLink link;

        @Test void test() {}
    }
}
