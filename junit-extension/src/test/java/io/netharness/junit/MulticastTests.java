package io.netharness.junit;

import static io.netharness.junit.assertj.NetHarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.netharness.core.Chunk;
import io.netharness.core.multicast.MulticastSender;
import io.netharness.simulator.UdpLink;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Multicast endpoints: a group receiver injected like any server, and the misconfigurations around it. */
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
    void linkToAMulticastGroupIsRefusedUntilTheSimulatorHasOne() {
        EngineExecutionResults results = TestKit.run(LinkToGroup.class);
        results.testEvents().assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message("@SimulatedLink on field 'link' in"
                        + " MulticastTests.LinkToGroup requires that `targetServer` name a unicast server, as this"
                        + " version of the simulator has no multicast link (\"group\" is a multicast group)."))));
    }

    // ---- fixtures, run only through TestKit ----

    static class NotMulticast {
        @InProcessServer(value = ServerKind.MULTICAST_SINK, group = "10.0.0.1") HarnessServer sink;

        @Test void test() {}
    }

    static class LinkToGroup {
        @InProcessServer(ServerKind.MULTICAST_SINK) HarnessServer group;
        @SimulatedLink(targetServer = "group") UdpLink link;

        @Test void test() {}
    }
}
