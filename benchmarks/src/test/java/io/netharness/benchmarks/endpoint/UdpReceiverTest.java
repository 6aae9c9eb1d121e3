package io.netharness.benchmarks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class UdpReceiverTest {

    @Test
    void keepsTheDelaysOfTheFirstDatagramsUpToItsCapacityAndCountsAll() throws Exception {
        try (UdpReceiver receiver = UdpReceiver.timing(3);
             UdpSender sender = new UdpSender(receiver.address(), UdpReceiver.HEADER_BYTES)) {
            long before = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                sender.sendOne();
            }
            awaitReceived(receiver, 5);
            long longest = System.nanoTime() - before;

            Histogram delays = receiver.delays();
            assertThat(delays.getTotalCount()).isEqualTo(3);
            assertThat(delays.getMinValue()).isPositive();
            assertThat(delays.getMaxValue()).isLessThanOrEqualTo(delays.highestEquivalentValue(longest));
        }
    }

    @Test
    void aDatagramTooShortForASendTimeIsCountedButNotTimed() throws Exception {
        try (UdpReceiver receiver = UdpReceiver.timing(4);
             UdpSender sender = new UdpSender(receiver.address(), UdpReceiver.HEADER_BYTES);
             DatagramChannel shortSender = DatagramChannel.open()) {
            sender.sendOne();
            awaitReceived(receiver, 1);
            shortSender.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), receiver.address());
            awaitReceived(receiver, 2);

            assertThat(receiver.delays().getTotalCount()).isEqualTo(1);
        }
    }

    @Test
    void refusesACapacityBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> UdpReceiver.timing(0))
                .withMessage("capacity: 0 (expected: >= 1)");
    }

    @Test
    void aCountingReceiverHasNoDelays() {
        try (UdpReceiver receiver = UdpReceiver.counting()) {
            assertThatIllegalStateException().isThrownBy(receiver::delays).withMessageContaining("only counts");
        }
    }

    private static void awaitReceived(UdpReceiver receiver, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (receiver.received() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(receiver.received()).as("datagrams received within 5 s").isEqualTo(count);
    }
}
