package io.netharness.simulator;

import static io.netharness.simulator.TcpTests.connect;
import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same seed and the same bytes give the same loss decisions on a TCP link, however the kernel splits the reads:
 * loss is decided per segment of the stream, by a generator per link, direction and connection.
 */
class TcpLinkDeterminismTest {

    private static final int BYTES = 1 << 20;
    private static final LinkProfile LOSSY = LinkProfile.builder().loss(Loss.random(0.2)).build();

    /** Sends {@code connections} x 1 MiB through a new link with {@code seed}; returns the stalls after each. */
    private static List<Long> stallsPerConnection(long seed, int connections) throws Exception {
        List<Long> stalls = new ArrayList<>();
        try (LoopbackServer sink = new LoopbackServer(socket -> socket.getInputStream().transferTo(
                        OutputStream.nullOutputStream()));
                TcpLink link = TcpLink.builder().target(sink.address()).seed(seed).upstream(LOSSY)
                        .retransmissionTimeout(Duration.ofNanos(100_000), Duration.ofMillis(1)).build().start()) {
            long before = 0;
            for (int i = 0; i < connections; i++) {
                try (Socket client = connect(link.address())) {
                    client.getOutputStream().write(new byte[BYTES]);
                    client.shutdownOutput();
                    long target = (long) (i + 1) * BYTES;
                    TcpTests.await("connection " + i + " delivered", () ->
                            link.statistics().upstream().bytesDelivered() == target);
                }
                long now = link.retransmissionStalls(Direction.UPSTREAM);
                stalls.add(now - before);
                before = now;
            }
        }
        return stalls;
    }

    @Test
    void theSameSeedGivesTheSameStallsAndEachConnectionItsOwn() throws Exception {
        List<Long> first = stallsPerConnection(77, 2);
        List<Long> again = stallsPerConnection(77, 2);
        List<Long> otherSeed = stallsPerConnection(78, 2);
        System.out.printf("stalls per 1 MiB connection: seed 77 %s, again %s, seed 78 %s%n", first, again, otherSeed);

        assertThat(again).isEqualTo(first);
        // 20% of 719 segments each: about 144, far from zero.
        assertThat(first).allSatisfy(n -> assertThat(n).isBetween(90L, 200L));
        assertThat(first.get(0)).as("connection 1 draws from its own generator").isNotEqualTo(first.get(1));
        assertThat(otherSeed).isNotEqualTo(first);
    }
}
