package io.netharness.simulator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderWindowTest {

    @Test
    void heldItemIsReleasedAfterGapItemsPassed() {
        ReorderWindow<String> window = new ReorderWindow<>();
        window.hold("a", 2, 0, 1_000);
        assertThat(window.passed()).isEmpty();
        assertThat(window.passed()).containsExactly("a");
        assertThat(window.isEmpty()).isTrue();
    }

    @Test
    void windowAlwaysFlushesAtMaxHoldEvenWithoutMoreTraffic() {
        ReorderWindow<String> window = new ReorderWindow<>();
        window.hold("a", 7, 100, 50);
        window.hold("b", 7, 120, 50);
        assertThat(window.nextDeadline()).isEqualTo(150);
        assertThat(window.expire(149)).isEmpty();
        assertThat(window.expire(150)).containsExactly("a");
        assertThat(window.nextDeadline()).isEqualTo(170);
        assertThat(window.expire(170)).containsExactly("b");
        assertThat(window.nextDeadline()).isEqualTo(ReorderWindow.NO_DEADLINE);
    }

    @Test
    void releasesComeOutInHoldOrder() {
        ReorderWindow<Integer> window = new ReorderWindow<>();
        window.hold(1, 2, 0, 1_000);
        window.passed();
        window.hold(2, 1, 0, 1_000);
        assertThat(window.passed()).containsExactly(1, 2);
    }

    @Test
    void drainEmptiesTheWindow() {
        ReorderWindow<Integer> window = new ReorderWindow<>();
        window.hold(1, 5, 0, 1_000);
        window.hold(2, 5, 0, 1_000);
        assertThat(window.drain()).isEqualTo(List.of(1, 2));
        assertThat(window.size()).isZero();
    }
}
