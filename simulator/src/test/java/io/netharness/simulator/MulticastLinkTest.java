package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Real multicast on the loopback interface: a sender, a group, and per-receiver impaired links. */
class MulticastLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Two-sided 99.9 % standard normal quantile. */
    private static final double Z_999 = 3.2905;

    /** A group of its own per test, so parallel tests (ours and others') never hear each other. */
    private static InetAddress freshGroup() throws UnknownHostException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return InetAddress.getByName("239.255." + random.nextInt(1, 255) + "." + random.nextInt(1, 255));
    }

    @Test
    void twoReceiversOfOneGroupSeeIndependentLosses() throws Exception {
        // A run in which the overloaded kernel drops a datagram outside the links is detected and repeated.
        DatagramPump.attempts(3, this::independentLosses);
    }

    private Boolean independentLosses() throws Exception {
        int count = 3_000;
        double loss = 0.3;
        LinkProfile lossy = LinkProfile.builder().loss(Loss.random(loss)).build();
        try (UdpPeer sender = UdpPeer.multicastSender(); UdpPeer clean = UdpPeer.receiver();
                UdpPeer lossyA = UdpPeer.receiver(); UdpPeer lossyB = UdpPeer.receiver();
                MulticastLink toClean = MulticastLink.builder().group(new InetSocketAddress(freshGroup(), 0))
                        .receiver(clean.address()).seed(1).build().start();
                MulticastLink toA = MulticastLink.builder().group(toClean.address()).receiver(lossyA.address())
                        .profile(lossy).seed(0xA).build().start();
                MulticastLink toB = MulticastLink.builder().group(toClean.address()).receiver(lossyB.address())
                        .profile(lossy).seed(0xB).build().start()) {
            for (int i = 0; i < count; i++) {
                sender.send(DatagramPumpPayloads.sequence(i), toClean.address());
                if (i % 200 == 199 || i == count - 1) {
                    long sent = i + 1;
                    boolean settled = Waiting.untilOrStall("all three links to take the batch and their receivers"
                            + " to get what they sent", Duration.ofSeconds(60), Duration.ofSeconds(2),
                            () -> toClean.statistics().upstream().datagramsIn() == sent
                                    && toA.statistics().upstream().datagramsIn() == sent
                                    && toB.statistics().upstream().datagramsIn() == sent
                                    && clean.count() == toClean.statistics().upstream().delivered()
                                    && lossyA.count() == toA.statistics().upstream().delivered()
                                    && lossyB.count() == toB.statistics().upstream().delivered(),
                            () -> List.of(toClean.statistics().upstream().datagramsIn(),
                                    toA.statistics().upstream().datagramsIn(), toB.statistics().upstream().datagramsIn(),
                                    clean.count(), lossyA.count(), lossyB.count()));
                    if (!settled) {
                        return null;
                    }
                }
            }

            BitSet atClean = clean.drainSequences();
            BitSet atA = lossyA.drainSequences();
            BitSet atB = lossyB.drainSequences();
            System.out.printf("MulticastLink: clean receiver %d of %d, lossy A %d, lossy B %d (loss 30%%)%n",
                    atClean.cardinality(), count, atA.cardinality(), atB.cardinality());
            assertThat(atClean.cardinality()).isEqualTo(count);
            double halfWidth = Z_999 * Math.sqrt(count * loss * (1 - loss));
            for (BitSet got : new BitSet[] {atA, atB}) {
                assertThat((double) count - got.cardinality()).as("losses of a 30%% receiver, 99.9%% interval")
                        .isBetween(count * loss - halfWidth, count * loss + halfWidth);
            }
            assertThat(atA).as("the two lossy receivers lose different datagrams").isNotEqualTo(atB);
            BitSet both = (BitSet) atA.clone();
            both.and(atB);
            assertThat(both.cardinality()).as("independent: about 0.7 * 0.7 of the datagrams reach both")
                    .isBetween((int) (count * 0.49 * 0.9), (int) (count * 0.49 * 1.1));
            return true;
        }
    }

    @Test
    void aReceiverCanListenOnARelayGroupOfItsOwn() throws Exception {
        InetAddress relayGroup = freshGroup();
        try (UdpPeer sender = UdpPeer.multicastSender(); UdpPeer member = UdpPeer.groupMember(relayGroup);
                MulticastLink link = MulticastLink.builder().group(new InetSocketAddress(freshGroup(), 0))
                        .receiver(new InetSocketAddress(relayGroup, member.address().getPort()))
                        .build().start()) {
            sender.send(DatagramPumpPayloads.sequence(42), link.address());

            UdpPeer.Received got = member.poll(WAIT);

            assertThat(got).as("datagram relayed to %s", link.target()).isNotNull();
            assertThat(got.data()).isEqualTo(DatagramPumpPayloads.sequence(42));
        }
    }

    @Test
    void cutDropsAndHealRestoresAndDelaysApply() throws Exception {
        LinkProfile delayed = LinkProfile.builder().latency(Latency.of(Duration.ofMillis(30))).build();
        try (UdpPeer sender = UdpPeer.multicastSender(); UdpPeer receiver = UdpPeer.receiver();
                MulticastLink link = MulticastLink.builder().group(new InetSocketAddress(freshGroup(), 0))
                        .receiver(receiver.address()).profile(delayed).build().start()) {
            assertThat(link.toString()).startsWith("MulticastLink{" + link.address().getAddress().getHostAddress());
            link.cut();
            sender.send(DatagramPumpPayloads.sequence(1), link.address());
            Waiting.until("the drop", WAIT, () -> link.statistics().upstream().dropped() == 1);

            link.heal();
            long sentAt = System.nanoTime();
            sender.send(DatagramPumpPayloads.sequence(2), link.address());
            UdpPeer.Received got = receiver.poll(WAIT);

            assertThat(got.data()).isEqualTo(DatagramPumpPayloads.sequence(2));
            assertThat(got.nanoTime() - sentAt).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
            assertThat(link.statistics().downstream().datagramsIn()).isZero();
        }
    }

    @Test
    void closeStopsItsThreadLeavesTheGroupAndIsIdempotent() throws Exception {
        AtomicReference<Thread> eventLoop = new AtomicReference<>();
        try (UdpPeer sender = UdpPeer.multicastSender(); UdpPeer receiver = UdpPeer.receiver()) {
            MulticastLink link = MulticastLink.builder().group(new InetSocketAddress(freshGroup(), 0))
                    .receiver(receiver.address())
                    .profile(LinkProfile.builder().latency(Latency.of(Duration.ofSeconds(5))).build()).build();
            assertThat(link.toString()).isEqualTo("MulticastLink{new}");
            link.start();
            link.observeFates((direction, bytes, arrival, fate) -> eventLoop.set(Thread.currentThread()));
            sender.send(DatagramPumpPayloads.sequence(1), link.address());
            Waiting.until("the datagram to be queued", WAIT, () -> link.statistics().upstream().datagramsIn() == 1);
            InetSocketAddress group = link.address();

            link.close();
            link.close();

            assertThat(link.toString()).isEqualTo("MulticastLink{closed}");
            assertThat(eventLoop.get().isAlive()).as("the link's own event loop thread after close()").isFalse();
            sender.send(DatagramPumpPayloads.sequence(2), group);
            assertThat(receiver.poll(Duration.ofMillis(200))).as("nothing relayed after close").isNull();
        }
    }

    @Test
    void builderRefusesWhatCannotWork() {
        InetSocketAddress unicast = new InetSocketAddress("127.0.0.1", 5000);
        assertThatThrownBy(() -> MulticastLink.builder().group(unicast))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("group: ").hasMessageContaining("expected: a multicast address");
        assertThatThrownBy(() -> MulticastLink.builder().group(new InetSocketAddress("239.1.1.1", 5000)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MulticastLink.builder() requires receiver(...)");
        assertThatThrownBy(() -> MulticastLink.builder().group(new InetSocketAddress("239.1.1.1", 5000))
                .receiver(unicast).networkInterface("nosuch0").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("networkInterface: nosuch0 (expected: an interface of this host, e.g. lo)");
    }
}
