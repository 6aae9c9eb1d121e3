package io.netharness.simulator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.Seeds;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.Mtu;
import org.junit.jupiter.api.Test;

class CorruptionDeciderTest {

    @Test
    void bitPositionsCoverThePayloadAndStayInside() {
        CorruptionDecider decider = new CorruptionDecider(new Corruption(1.0), Seeds.generator(17));
        boolean[] seen = new boolean[24];
        for (int i = 0; i < 2_000; i++) {
            long bit = decider.bitToFlip(3);
            assertThat(bit).isBetween(0L, 23L);
            seen[(int) bit] = true;
        }
        for (boolean b : seen) {
            assertThat(b).isTrue();
        }
    }

    @Test
    void emptyPayloadIsNeverCorrupted() {
        CorruptionDecider decider = new CorruptionDecider(new Corruption(1.0), Seeds.generator(17));
        assertThat(decider.bitToFlip(0)).isEqualTo(CorruptionDecider.NONE);
    }

    @Test
    void flipChangesExactlyOneBit() {
        byte[] data = new byte[4];
        CorruptionDecider.flip(data, 17);
        assertThat(data).containsExactly(0, 0, 2, 0);
    }

    @Test
    void mtuDropsOrTruncates() {
        assertThat(MtuLimiter.allowedBytes(Mtu.of(1500), 1472)).isEqualTo(1472);
        assertThat(MtuLimiter.allowedBytes(Mtu.of(1500), 1473)).isEqualTo(MtuLimiter.DROP);
        assertThat(MtuLimiter.allowedBytes(new Mtu(1500, Mtu.OversizeAction.TRUNCATE), 4000)).isEqualTo(1472);
        assertThat(MtuLimiter.allowedBytes(Mtu.UNLIMITED, 65_507)).isEqualTo(65_507);
    }
}
