package io.netharness.simulator.internal.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetransmissionStallTest {

    @Test
    void consecutiveLossesDoubleTheStallUpToTheCap() {
        RetransmissionStall rto = new RetransmissionStall(200, 1000);
        assertThat(new long[] {rto.lost(), rto.lost(), rto.lost(), rto.lost(), rto.lost()})
                .containsExactly(200, 400, 800, 1000, 1000);
    }

    @Test
    void aDeliveredSegmentResetsTheBackoff() {
        RetransmissionStall rto = new RetransmissionStall(200, 60_000);
        rto.lost();
        rto.lost();
        rto.delivered();
        assertThat(rto.lost()).isEqualTo(200);
    }

    @Test
    void invalidTimeoutsAreRefused() {
        assertThatThrownBy(() -> new RetransmissionStall(0, 10)).hasMessage("initialRto: 0ns (expected: > 0)");
        assertThatThrownBy(() -> new RetransmissionStall(10, 5))
                .hasMessage("maxRto: 5ns (expected: >= initialRto 10ns)");
    }
}
