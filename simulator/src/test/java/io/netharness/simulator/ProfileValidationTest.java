package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netharness.simulator.profile.Mtu;
import io.netharness.simulator.profile.Reordering;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProfileValidationTest {

    @Test
    void lossAboveOneIsRefusedNamingFieldAndRange() {
        assertThatThrownBy(() -> Loss.random(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss: 1.5 (expected: 0.0-1.0)");
    }

    @Test
    void lossNaNIsRefused() {
        assertThatThrownBy(() -> Loss.random(Double.NaN)).hasMessage("loss: NaN (expected: 0.0-1.0)");
    }

    @Test
    void negativeLatencyIsRefused() {
        assertThatThrownBy(() -> Latency.of(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latency.base: -5ms (expected: >= 0)");
    }

    @Test
    void jitterLargerThanBaseIsRefused() {
        assertThatThrownBy(() -> Latency.of(Duration.ofMillis(20), Duration.ofMillis(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latency.jitter: 30ms (expected: <= base 20ms)");
    }

    @Test
    void latencyCorrelationOutOfRangeIsRefused() {
        assertThatThrownBy(() -> Latency.of(Duration.ofMillis(20)).withCorrelation(-0.1))
                .hasMessage("latency.correlation: -0.1 (expected: 0.0-1.0)");
    }

    @Test
    void zeroBandwidthIsRefused() {
        assertThatThrownBy(() -> Bandwidth.ofBytesPerSecond(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bandwidth: 0 bytes/s (expected: > 0, or Bandwidth.UNLIMITED)");
    }

    @Test
    void gilbertElliottProbabilitiesAreChecked() {
        assertThatThrownBy(() -> new Loss.GilbertElliott(0.1, 2.0, 0, 1))
                .hasMessage("loss.r: 2.0 (expected: 0.0-1.0)");
    }

    @Test
    void fourStateSumsLeavingAStateAreChecked() {
        assertThatThrownBy(() -> new Loss.FourState(0.7, 0.1, 0.1, 0.1, 0.4))
                .hasMessage("loss.p13 + loss.p14: 1.1 (expected: <= 1.0)");
    }

    @Test
    void reorderingGapMustBePositive() {
        assertThatThrownBy(() -> new Reordering(0.1, 0, Duration.ofMillis(10)))
                .hasMessage("reordering.gap: 0 (expected: >= 1)");
    }

    @Test
    void duplicationAndCorruptionProbabilitiesAreChecked() {
        assertThatThrownBy(() -> Duplication.of(-1)).hasMessage("duplication: -1.0 (expected: 0.0-1.0)");
        assertThatThrownBy(() -> new Corruption(1.01)).hasMessage("corruption: 1.01 (expected: 0.0-1.0)");
    }

    @Test
    void mtuBelowIpv4MinimumIsRefused() {
        assertThatThrownBy(() -> Mtu.of(20)).hasMessage("mtu: 20 bytes (expected: >= 68)");
        assertThat(Mtu.of(1500).maxPayloadBytes()).isEqualTo(1472);
    }

    @Test
    void profileRefusesNullParts() {
        assertThatThrownBy(() -> LinkProfile.builder().loss(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("loss");
    }

    @Test
    void withersChangeOnePartAndToStringListsOnlyChanges() {
        LinkProfile profile = LinkProfile.PERFECT
                .withLatency(Latency.of(Duration.ofMillis(20), Duration.ofMillis(5)))
                .withLoss(Loss.random(0.02));
        assertThat(profile.duplication()).isEqualTo(Duplication.NONE);
        assertThat(profile.toString())
                .isEqualTo("LinkProfile[Latency[20ms ± 5ms UNIFORM], Random[probability=0.02, correlation=0.0]]");
        assertThat(LinkProfile.PERFECT).hasToString("LinkProfile.PERFECT");
    }

    @Test
    void derivedSeedsAreStableAndDistinctPerStream() {
        assertThat(Seeds.derive(42, "udp/upstream")).isEqualTo(Seeds.derive(42, "udp/upstream"));
        assertThat(Seeds.derive(42, "udp/upstream")).isNotEqualTo(Seeds.derive(42, "udp/downstream"));
        assertThat(Seeds.derive(42, "udp/upstream")).isNotEqualTo(Seeds.derive(43, "udp/upstream"));
    }
}
