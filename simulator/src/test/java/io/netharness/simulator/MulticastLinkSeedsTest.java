package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A multicast link's decisions come from its seed alone: two receivers' links given one seed lose the same datagrams
 * of the group, and seeds derived per receiver name ({@code seed(seed, name)}) make them independent yet replayable.
 */
class MulticastLinkSeedsTest {

    private static final int DATAGRAMS = 400;
    private static final LinkProfile LOSSY = LinkProfile.builder().loss(Loss.random(0.3)).build();

    @Test
    void oneSeedForTwoReceiversLosesTheSameDatagramsAndSeedsPerReceiverDoNot() throws Exception {
        long seed = 0x5eed_0c0aL;
        LostBy same = lostBy(LinkBuilderSeeds.same(seed));
        LostBy perReceiver = lostBy(LinkBuilderSeeds.perReceiver(seed));
        LostBy perReceiverAgain = lostBy(LinkBuilderSeeds.perReceiver(seed));

        assertThat(same.a).as("two links with seed %s", Seeds.format(seed)).isEqualTo(same.b);
        assertThat(perReceiver.a).as("seed(seed, \"a\") against seed(seed, \"b\")").isNotEqualTo(perReceiver.b);
        assertThat(perReceiverAgain.a).as("replayed").isEqualTo(perReceiver.a);
        assertThat(perReceiverAgain.b).as("replayed").isEqualTo(perReceiver.b);
    }

    @Test
    void seedWithANameIsTheExtensionsDerivation() {
        MulticastLink.Builder builder = MulticastLink.builder().seed(42, "receiver-a");
        assertThat(builder.resolvedSeed()).isEqualTo(Seeds.derive(42, "link/receiver-a"));
    }

    /** How two links' builders get their seeds. */
    private interface LinkBuilderSeeds {
        void apply(MulticastLink.Builder a, MulticastLink.Builder b);

        static LinkBuilderSeeds same(long seed) {
            return (a, b) -> {
                a.seed(seed);
                b.seed(seed);
            };
        }

        static LinkBuilderSeeds perReceiver(long seed) {
            return (a, b) -> {
                a.seed(seed, "a");
                b.seed(seed, "b");
            };
        }
    }

    /** Arrival indexes each of two links lost. */
    private record LostBy(BitSet a, BitSet b) {
    }

    private static LostBy lostBy(LinkBuilderSeeds seeds) throws Exception {
        InetAddress group = InetAddress.getByName("239.255." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255));
        MulticastLink.Builder first = MulticastLink.builder().group(new InetSocketAddress(group, 0)).profile(LOSSY);
        MulticastLink.Builder second = MulticastLink.builder().profile(LOSSY);
        seeds.apply(first, second);
        try (UdpPeer sender = UdpPeer.multicastSender(); UdpPeer receiverA = UdpPeer.receiver();
                UdpPeer receiverB = UdpPeer.receiver();
                MulticastLink a = first.receiver(receiverA.address()).build().start();
                MulticastLink b = second.group(a.address()).receiver(receiverB.address()).build().start()) {
            BitSet lostByA = observeLosses(a);
            BitSet lostByB = observeLosses(b);
            for (int i = 0; i < DATAGRAMS; i++) {
                sender.send(DatagramPumpPayloads.sequence(i), a.address());
                if (i % 50 == 49) { // in batches, so that no socket overflows on a loaded machine
                    int sent = i + 1;
                    Waiting.until("both links to read " + sent, Duration.ofSeconds(30),
                            () -> a.statistics().upstream().datagramsIn() == sent
                                    && b.statistics().upstream().datagramsIn() == sent);
                }
            }
            synchronized (lostByA) {
                synchronized (lostByB) {
                    return new LostBy((BitSet) lostByA.clone(), (BitSet) lostByB.clone());
                }
            }
        }
    }

    /** Records the arrival index of every datagram {@code link} loses. */
    private static BitSet observeLosses(MulticastLink link) {
        BitSet lost = new BitSet();
        int[] index = {0};
        link.observeFates((direction, bytes, arrivalNanos, fate) -> {
            synchronized (lost) {
                if (fate == null || fate.dropped()) {
                    lost.set(index[0]);
                }
                index[0]++;
            }
        });
        return lost;
    }
}
