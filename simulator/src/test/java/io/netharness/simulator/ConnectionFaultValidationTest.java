package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad faults are refused with the field and its valid range; good ones are plain values. */
class ConnectionFaultValidationTest {

    private static final Duration MINUS_ONE_MS = Duration.ofMillis(-1);

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> ConnectionFault.resetPeer(MINUS_ONE_MS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resetPeer.after: -1ms (expected: >= 0)");
        assertThatThrownBy(() -> ConnectionFault.slowClose(MINUS_ONE_MS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slowClose.delay: -1ms (expected: >= 0)");
        assertThatThrownBy(() -> ConnectionFault.timeout(MINUS_ONE_MS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout.after: -1ms (expected: >= 0)");
        assertThatThrownBy(() -> ConnectionFault.slicer(10, 0, MINUS_ONE_MS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("slicer.delay: -1ms (expected: >= 0)");
    }

    @Test
    void missingDurationsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> ConnectionFault.resetPeer(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("resetPeer.after");
    }

    @Test
    void negativeLimitIsRefused() {
        assertThatThrownBy(() -> ConnectionFault.limitData(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limitData.bytes: -1 (expected: >= 0)");
    }

    @Test
    void slicerSizesMustBePositiveAndVariationBelowTheAverage() {
        assertThatThrownBy(() -> ConnectionFault.slicer(0, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("slicer.averageBytes: 0 (expected: >= 1)");
        assertThatThrownBy(() -> ConnectionFault.slicer(10, 10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slicer.sizeVariationBytes: 10 (expected: 0-9)");
        assertThatThrownBy(() -> ConnectionFault.slicer(10, -1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slicer.sizeVariationBytes: -1 (expected: 0-9)");
    }

    @Test
    void toxicityOutsideZeroToOneIsRefusedByTheLink() {
        TcpLink link = TcpLink.to(9);
        assertThatThrownBy(() -> link.addFault(Direction.UPSTREAM, ConnectionFault.blackhole(), 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("toxicity: 1.5 (expected: 0.0-1.0)");
        assertThatThrownBy(() -> link.addFault(Direction.UPSTREAM, ConnectionFault.blackhole(), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("toxicity: NaN (expected: 0.0-1.0)");
        assertThat(link.faults()).isEmpty();
        link.close();
    }

    @Test
    void faultsAreValuesAndHandlesDescribeThem() {
        assertThat(ConnectionFault.limitData(10))
                .isEqualTo(ConnectionFault.of(Trigger.afterBytes(10), Effect.close()))
                .hasToString("close after 10 bytes");
        assertThat(ConnectionFault.slicer(100, 10, Duration.ofMillis(1)))
                .isEqualTo(new ConnectionFault(new Trigger.OnConnect(), new Effect.Slicer(100, 10, Duration.ofMillis(1))));
        assertThat(ConnectionFault.resetPeer(Duration.ofSeconds(2)))
                .isEqualTo(ConnectionFault.of(Trigger.after(Duration.ofSeconds(2)), Effect.resetPeer()))
                .hasToString("resetPeer after 2s");
        try (TcpLink link = TcpLink.to(9)) {
            FaultHandle handle = link.addFault(Direction.DOWNSTREAM, ConnectionFault.timeout(Duration.ZERO), 0.25);
            assertThat(handle.direction()).contains(Direction.DOWNSTREAM);
            assertThat(handle.fault()).isEqualTo(ConnectionFault.timeout(Duration.ZERO));
            assertThat(handle.toxicity()).isEqualTo(0.25);
            assertThat(handle.isActive()).isTrue();
            assertThat(handle).hasToString("Fault#0{DOWNSTREAM timeout 0ms on connect toxicity 0.25}");
            link.removeFault(handle);
            handle.remove();
            assertThat(handle.isActive()).isFalse();
            assertThat(link.faults()).isEmpty();
        }
    }
}
