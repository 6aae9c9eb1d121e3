package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jitter reorders datagrams by default (a shorter delay overtakes, as on a real path); with
 * {@link Latency#keepingOrder()} the same jitter keeps them in order, every datagram still delayed at least its base
 * less its jitter.
 */
class UdpLinkJitterOrderTest {

    private static final int DATAGRAMS = 1_000;
    private static final Latency JITTERY = Latency.of(Duration.ofMillis(3), Duration.ofMillis(3));

    @Test
    void orderPreservingJitterDeliversInArrivalOrder() throws Exception {
        List<Integer> received = relay(JITTERY.keepingOrder());

        assertThat(received).hasSize(DATAGRAMS);
        assertThat(outOfOrder(received)).as("datagrams that arrived after a later one").isZero();
    }

    @Test
    void jitterReordersByDefault() throws Exception {
        List<Integer> received = relay(JITTERY);

        assertThat(received).hasSize(DATAGRAMS);
        assertThat(outOfOrder(received)).as("datagrams that arrived after a later one").isPositive();
    }

    private static List<Integer> relay(Latency latency) throws Exception {
        try (UdpPeer client = UdpPeer.receiver(); UdpPeer target = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(target.address())
                        .upstream(LinkProfile.builder().latency(latency).build()).seed(7).build().start()) {
            for (int i = 0; i < DATAGRAMS; i++) {
                client.send(DatagramPumpPayloads.sequence(i), link.address());
                if (i % 50 == 49) {
                    int sent = i + 1;
                    Waiting.until("the link to read " + sent, Duration.ofSeconds(30),
                            () -> link.statistics().upstream().datagramsIn() == sent);
                }
            }
            Waiting.until("every datagram at the target", Duration.ofSeconds(30), () -> target.count() == DATAGRAMS);
            DirectionStatistics up = link.statistics().upstream();
            assertThat(up.delays().min()).as("no delay below base - jitter").isGreaterThanOrEqualTo(Duration.ZERO);
            List<Integer> order = new ArrayList<>();
            UdpPeer.Received datagram;
            while ((datagram = target.poll(Duration.ZERO)) != null) {
                order.add(ByteBuffer.wrap(datagram.data()).getInt());
            }
            return order;
        }
    }

    private static long outOfOrder(List<Integer> received) {
        long count = 0;
        int highest = -1;
        for (int sequence : received) {
            if (sequence < highest) {
                count++;
            }
            highest = Math.max(highest, sequence);
        }
        return count;
    }
}
