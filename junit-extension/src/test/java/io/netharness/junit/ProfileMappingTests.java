package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.core.servers.HarnessServer;
import io.netharness.simulator.Direction;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.DelayDistribution;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netharness.simulator.profile.Mtu;
import io.netharness.simulator.profile.Reordering;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every attribute of the annotation reaches the simulator's profile, including through composed annotations. */
class ProfileMappingTests {

    @InProcessServer
    static HarnessServer echo;

    @Test
    void everyAttributeMapsToTheProfile(@SimulatedLink(targetServer = "echo", latency = "20ms", jitter = "5ms",
            distribution = "pareto-normal", latencyCorrelation = 0.25, loss = 0.02, lossCorrelation = 0.5,
            duplicate = 0.01, duplicateCorrelation = 0.2, reorder = 0.05, reorderGap = 4, reorderMaxHold = "30ms", corrupt = 0.001,
            bandwidth = "1MB/s", mtu = 1200, mtuAction = "truncate") TcpLink link) {
        LinkProfile expected = LinkProfile.builder()
                .latency(new Latency(Duration.ofMillis(20), Duration.ofMillis(5), DelayDistribution.PARETO_NORMAL, 0.25))
                .loss(new Loss.Random(0.02, 0.5))
                .duplication(new Duplication(0.01, 0.2))
                .reordering(new Reordering(0.05, 4, Duration.ofMillis(30)))
                .corruption(new Corruption(0.001))
                .bandwidth(new Bandwidth(1_000_000))
                .mtu(new Mtu(1200, Mtu.OversizeAction.TRUNCATE))
                .build();
        assertThat(link.profile(Direction.UPSTREAM)).isEqualTo(expected);
        assertThat(link.profile(Direction.DOWNSTREAM)).isEqualTo(expected);
    }

    @Test
    void directionProfilesOverrideOnlyWhatTheySet(@SimulatedLink(targetServer = "echo", latency = "20ms",
            loss = 0.1, upstream = @Profile(loss = 0.0), downstream = @Profile(latency = "1s", jitter = "250us"))
            TcpLink link) {
        assertThat(link.profile(Direction.UPSTREAM).loss()).isEqualTo(Loss.NONE);
        assertThat(link.profile(Direction.UPSTREAM).latency().base()).isEqualTo(Duration.ofMillis(20));
        assertThat(link.profile(Direction.DOWNSTREAM).loss()).isEqualTo(new Loss.Random(0.1, 0.0));
        assertThat(link.profile(Direction.DOWNSTREAM).latency())
                .isEqualTo(Latency.of(Duration.ofSeconds(1), Duration.ofNanos(250_000)));
    }

    @Test
    void lossStatesGiveTheFourStateModelUnlessADirectionDescribesItsOwnLoss(@SimulatedLink(targetServer = "echo",
            lossStates = {0.01, 0.3, 0.2, 0.1, 0.005}, upstream = @Profile(loss = 0.02, lossCorrelation = 0.5))
            TcpLink link) {
        assertThat(link.profile(Direction.DOWNSTREAM).loss()).isEqualTo(new Loss.FourState(0.01, 0.3, 0.2, 0.1, 0.005));
        assertThat(link.profile(Direction.UPSTREAM).loss()).isEqualTo(new Loss.Random(0.02, 0.5));
    }

    @Test
    void aDirectionMayHaveLossStatesOfItsOwn(@SimulatedLink(targetServer = "echo", loss = 0.05,
            downstream = @Profile(loss = 0, lossStates = {0.002, 0.1, 0.0, 1.0, 0.0})) TcpLink link) {
        assertThat(link.profile(Direction.DOWNSTREAM).loss()).isEqualTo(new Loss.FourState(0.002, 0.1, 0.0, 1.0, 0.0));
        assertThat(link.profile(Direction.UPSTREAM).loss()).isEqualTo(Loss.random(0.05));
    }

    @Test
    void jitterKeepsOrderGivesBothDirectionsAnOrderPreservingLatency(@SimulatedLink(targetServer = "echo",
            latency = "10ms", jitter = "4ms", jitterKeepsOrder = true) TcpLink link) {
        Latency expected = Latency.of(Duration.ofMillis(10), Duration.ofMillis(4)).keepingOrder();
        assertThat(link.profile(Direction.UPSTREAM).latency()).isEqualTo(expected);
        assertThat(link.profile(Direction.DOWNSTREAM).latency()).isEqualTo(expected);
    }

    @Test
    void unsetAttributesGiveAPerfectLink(@SimulatedLink(targetServer = "echo") TcpLink link) {
        assertThat(link.profile(Direction.UPSTREAM)).isEqualTo(LinkProfile.PERFECT);
        assertThat(link.profile(Direction.DOWNSTREAM)).isEqualTo(LinkProfile.PERFECT);
    }

    @Test
    void composedAnnotationWithLinkTarget(@Flaky3G @LinkTarget(server = "echo") TcpLink link) {
        LinkProfile up = link.profile(Direction.UPSTREAM);
        assertThat(link.target()).isEqualTo(echo.address());
        assertThat(up.latency()).isEqualTo(
                new Latency(Duration.ofMillis(120), Duration.ofMillis(40), DelayDistribution.NORMAL, 0.0));
        // Mean burst length 2 at an average loss of 3 %: leave the bad state with r = 1/2, enter it with
        // p = 0.03 * 0.5 / 0.97, so that p / (p + r) = 0.03.
        assertThat(up.loss()).isEqualTo(Loss.gilbert(0.03 * 0.5 / 0.97, 0.5));
        assertThat(up.bandwidth()).isEqualTo(new Bandwidth(125_000));
        assertThat(link.profile(Direction.DOWNSTREAM).bandwidth()).isEqualTo(new Bandwidth(500_000));
    }

    @Flaky3G
    @LinkTarget(server = "echo")
    TcpLink flakyField;

    @Test
    void composedAnnotationOnAField() {
        assertThat(flakyField.profile(Direction.UPSTREAM).latency().base()).isEqualTo(Duration.ofMillis(120));
    }
}
