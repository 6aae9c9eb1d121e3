package io.netharness.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Faults of datagram links: profile changes and cuts during their trigger's windows. */
class DatagramFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final LinkProfile LOSE_ALL = LinkProfile.builder().loss(Loss.random(1.0)).build();

    @Test
    void aProfileChangeLosesEveryDatagramDuringItsWindowOnly() throws Exception {
        try (UdpPeer server = UdpPeer.echoServer(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(server.address()).seed(5)
                        .fault(Direction.UPSTREAM, DatagramFault.of(Trigger.during(Duration.ofSeconds(2)),
                                Effect.profile(LOSE_ALL))).build().start()) {
            assertThat(link.profile(Direction.UPSTREAM)).as("in force from the start").isEqualTo(LOSE_ALL);
            client.send("lost".getBytes(UTF_8), link.address());
            Waiting.until("the link saw the lost datagram", WAIT, () -> link.statistics().upstream().dropped() == 1,
                    () -> link.statistics().toString());

            Waiting.until("the window closed", WAIT, () -> link.profile(Direction.UPSTREAM).equals(LinkProfile.PERFECT));
            client.send("kept".getBytes(UTF_8), link.address());
            UdpPeer.Received reply = client.poll(WAIT);
            assertThat(reply).isNotNull();
            assertThat(new String(reply.data(), UTF_8)).isEqualTo("kept");
        }
    }

    @Test
    void aProfileSetDuringAWindowAppliesWhenItCloses() throws Exception {
        LinkProfile slow = LinkProfile.builder().latency(Latency.of(Duration.ofMillis(5))).build();
        try (UdpPeer server = UdpPeer.echoServer();
                UdpLink link = UdpLink.builder().target(server.address()).build().start()) {
            FaultHandle fault = link.addFault(Direction.DOWNSTREAM, DatagramFault.of(Trigger.onConnect(),
                    Effect.profile(LOSE_ALL)));
            link.profile(Direction.DOWNSTREAM, slow);
            assertThat(link.profile(Direction.DOWNSTREAM)).isEqualTo(LOSE_ALL);
            assertThat(link.faults()).containsExactly(fault);
            assertThat(fault.direction()).contains(Direction.DOWNSTREAM);
            fault.remove();
            assertThat(link.profile(Direction.DOWNSTREAM)).isEqualTo(slow);
            assertThat(link.faults()).isEmpty();
        }
    }

    @Test
    void aFlappingCutIsApartFromTheCallersCut() throws Exception {
        try (UdpPeer server = UdpPeer.echoServer();
                UdpLink link = UdpLink.builder().target(server.address()).build().start()) {
            link.addFault(DatagramFault.of(Trigger.flapping(Duration.ofMillis(100), Duration.ofMillis(100)),
                    Effect.cut(CutMode.KEEP_EXISTING)));
            Waiting.until("the first down phase", WAIT, link::isCut);
            Waiting.until("the first up phase", WAIT, () -> !link.isCut());
            link.cut();
            // Windows open and close every 100 ms meanwhile; the caller's cut holds throughout.
            long end = System.nanoTime() + Duration.ofMillis(400).toNanos();
            for (int samples = 0; System.nanoTime() - end < 0 && samples < 10_000; samples++) {
                assertThat(link.isCut()).as("cut after %d samples", samples).isTrue();
                Thread.sleep(1); // sampling interval of a bounded check, not a wait for an event
            }
            link.heal();
            Waiting.until("the next up phase", WAIT, () -> !link.isCut());
        }
    }

    @Test
    void aMulticastReceiversLinkTakesAProfileChangeForItsCopies() throws Exception {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        java.net.InetAddress group = java.net.InetAddress.getByName("239.255." + random.nextInt(1, 255) + "."
                + random.nextInt(1, 255));
        try (UdpPeer sender = UdpPeer.multicastSender(); UdpPeer receiver = UdpPeer.receiver();
                MulticastLink link = MulticastLink.builder().group(new java.net.InetSocketAddress(group, 0))
                        .receiver(receiver.address()).seed(3)
                        .fault(DatagramFault.of(Trigger.onConnect(), Effect.profile(LOSE_ALL))).build().start()) {
            sender.send("lost".getBytes(UTF_8), link.address());
            Waiting.until("the link dropped the copy", WAIT, () -> link.statistics().upstream().dropped() == 1,
                    () -> link.statistics().toString());
            link.faults().get(0).remove();
            sender.send("kept".getBytes(UTF_8), link.address());
            UdpPeer.Received copy = receiver.poll(WAIT);
            assertThat(copy).isNotNull();
            assertThat(new String(copy.data(), UTF_8)).isEqualTo("kept");
            FaultHandle cut = link.addFault(DatagramFault.of(Trigger.onConnect(), Effect.cut(CutMode.DROP_EXISTING)));
            assertThat(link.isCut()).isTrue();
            cut.remove();
            assertThat(link.isCut()).isFalse();
        }
    }

    @Test
    void aDatagramFaultTakesOnlyTriggersOfTimeAndTheEffectsADatagramLinkHas() {
        assertThatThrownBy(() -> DatagramFault.of(Trigger.onConnect(), Effect.hang()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("effect: hang (expected: a profile change or a cut, the effects a datagram link has; loss,"
                        + " duplication, reordering and corruption are profile changes)");
        assertThatThrownBy(() -> DatagramFault.of(Trigger.afterBytes(3), Effect.profile(LOSE_ALL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trigger: after 3 bytes for profile ");
        try (UdpLink link = UdpLink.to(9)) {
            assertThatThrownBy(() -> link.addFault(Direction.UPSTREAM, DatagramFault.of(Trigger.onConnect(),
                    Effect.cut(CutMode.KEEP_EXISTING))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("direction: UPSTREAM for cut KEEP_EXISTING on connect (expected: none, as cut"
                            + " KEEP_EXISTING acts on the link: add it with addFault(fault))");
        }
    }
}
