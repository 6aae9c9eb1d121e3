package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fidelity figures, measured through a real {@link UdpLink} on loopback with fixed seeds. */
class UdpLinkFidelityTest {

    /** Two-sided 99.9 % standard normal quantile. */
    private static final double Z_999 = 3.2905;
    private static final int DATAGRAMS = 100_000;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES) // up to 3 x 100,000 datagrams, paranoid leak checks, shared machine
    void twoPercentLossOverAHundredThousandDatagramsLandsInThe999BinomialInterval() throws Exception {
        long seed = 0x1055_0002L;
        double p = 0.02;
        LinkProfile lossy = LinkProfile.builder().loss(Loss.random(p)).build();
        DatagramPump.attempts(3, () -> {
            try (UdpPeer target = UdpPeer.receiver(); UdpPeer client = UdpPeer.receiver();
                    UdpLink link = UdpLink.builder().target(target.address()).upstream(lossy).seed(seed).build().start()) {
                if (!DatagramPump.run(link, client, target, false, DATAGRAMS, 500, DatagramPumpPayloads::sequence)) {
                    return null;
                }

                DirectionStatistics up = link.statistics().upstream();
                long received = target.count();
                long lost = DATAGRAMS - received;
                double halfWidth = Z_999 * Math.sqrt(DATAGRAMS * p * (1 - p));
                long low = (long) Math.floor(DATAGRAMS * p - halfWidth);
                long high = (long) Math.ceil(DATAGRAMS * p + halfWidth);
                System.out.printf("UdpLink loss 2%%: %d of %d lost at the receiver (%.3f%%), 99.9%% interval [%d, %d],"
                        + " seed %s; %s%n", lost, DATAGRAMS, 100.0 * lost / DATAGRAMS, low, high, Seeds.format(seed), up);
                assertThat(up.datagramsIn()).isEqualTo(DATAGRAMS);
                assertThat(up.dropped()).as("link's count agrees with the receiver's").isEqualTo(lost);
                assertThat(lost).as("datagrams lost of %d, seed %s, 99.9%% interval [%d, %d]", DATAGRAMS,
                        Seeds.format(seed), low, high).isBetween(low, high);
                return up;
            }
        });
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES) // up to 3 x 100,000 datagrams, paranoid leak checks, shared machine
    void gilbertElliottMeanBurstLengthSeenByTheReceiverIsWithinFivePercentOfTheModel() throws Exception {
        long seed = 0x6e_b0057L;
        double goodToBad = 0.05;
        double badToGood = 0.5; // mean burst 1 / r = 2 datagrams
        LinkProfile bursty = LinkProfile.builder().loss(Loss.gilbert(goodToBad, badToGood)).build();
        DatagramPump.attempts(3, () -> {
            try (UdpPeer target = UdpPeer.receiver(); UdpPeer client = UdpPeer.receiver();
                    UdpLink link = UdpLink.builder().target(target.address()).upstream(bursty).seed(seed).build().start()) {
                if (!DatagramPump.run(link, client, target, false, DATAGRAMS, 500, DatagramPumpPayloads::sequence)) {
                    return null;
                }

                boolean[] arrived = new boolean[DATAGRAMS];
                UdpPeer.Received datagram;
                while ((datagram = target.poll(java.time.Duration.ZERO)) != null) {
                    arrived[ByteBuffer.wrap(datagram.data()).getInt()] = true;
                }
                List<Integer> bursts = burstLengths(arrived);
                long lost = bursts.stream().mapToLong(Integer::longValue).sum();
                double meanBurst = (double) lost / bursts.size();
                double expected = 1 / badToGood;
                System.out.printf("UdpLink Gilbert-Elliott p=%.2f r=%.2f: %d bursts, %d lost, mean burst %.4f"
                        + " (model %.2f), seed %s%n", goodToBad, badToGood, bursts.size(), lost, meanBurst, expected,
                        Seeds.format(seed));
                assertThat(lost).as("receiver's losses agree with the link's count")
                        .isEqualTo(link.statistics().upstream().dropped());
                assertThat(meanBurst).as("mean burst length over %d bursts, seed %s, model 1/r = %.2f ± 5%%",
                        bursts.size(), Seeds.format(seed), expected).isBetween(0.95 * expected, 1.05 * expected);
                return meanBurst;
            }
        });
    }

    private static List<Integer> burstLengths(boolean[] arrived) {
        List<Integer> bursts = new ArrayList<>();
        int run = 0;
        for (boolean got : arrived) {
            if (!got) {
                run++;
            } else if (run > 0) {
                bursts.add(run);
                run = 0;
            }
        }
        if (run > 0) {
            bursts.add(run);
        }
        return bursts;
    }
}
