package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Bursts through a UDP link: the link reads many datagrams per system call (each in its own slot of a shared
 * buffer) and sends them with one flush per burst, so a burst of mixed sizes, up to the largest datagram, must
 * come through whole, unmixed and in order, both ways.
 */
class UdpLinkBurstTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int DATAGRAMS = 200;
    private static final int LARGEST = 65_507;

    @Test
    void aBurstOfMixedSizesComesBackWholeAndInOrder() throws Exception {
        try (UdpPeer server = UdpPeer.echoServer(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(server.address()).seed(3).build().start()) {
            for (int i = 0; i < DATAGRAMS; i++) {
                client.send(datagram(i), link.address());
            }

            for (int i = 0; i < DATAGRAMS; i++) {
                UdpPeer.Received reply = client.poll(WAIT);
                assertThat(reply).as("reply %d of %d", i, DATAGRAMS).isNotNull();
                assertThat(reply.data()).as("reply %d", i).isEqualTo(datagram(i));
            }
            Waiting.until("the statistics to count every datagram", WAIT,
                    () -> link.statistics().downstream().delivered() == DATAGRAMS);
            assertThat(link.statistics().upstream().delivered()).isEqualTo(DATAGRAMS);
            assertThat(link.statistics().upstream().dropped()).isZero();
        }
    }

    /**
     * Equal sizes in a burst are what the link sends with UDP GSO (one send per run, cut back into the datagrams by
     * the kernel): they too must come back as the same separate datagrams, whole and in order.
     */
    @Test
    void aBurstOfEqualSizesComesBackAsTheSameSeparateDatagrams() throws Exception {
        int bursts = 20;
        int burst = 50; // small enough for the peers' default socket buffers
        try (UdpPeer server = UdpPeer.echoServer(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(server.address()).seed(4).build().start()) {
            for (int b = 0; b < bursts; b++) {
                for (int i = b * burst; i < (b + 1) * burst; i++) {
                    client.send(datagram(i, 100), link.address());
                }
                for (int i = b * burst; i < (b + 1) * burst; i++) {
                    UdpPeer.Received reply = client.poll(WAIT);
                    assertThat(reply).as("reply %d of %d", i, bursts * burst).isNotNull();
                    assertThat(reply.data()).as("reply %d", i).isEqualTo(datagram(i, 100));
                }
            }
            assertThat(link.statistics().upstream().delivered()).isEqualTo(bursts * burst);
        }
    }

    /** Datagram {@code index}: its sequence number, then bytes that depend on both index and position. */
    private static byte[] datagram(int index) {
        return datagram(index, index % 50 == 49 ? LARGEST : 4 + (index * 331) % 1500);
    }

    private static byte[] datagram(int index, int size) {
        ByteBuffer data = ByteBuffer.allocate(size).putInt(index);
        while (data.hasRemaining()) {
            data.put((byte) (index * 7 + data.position()));
        }
        return data.array();
    }
}
