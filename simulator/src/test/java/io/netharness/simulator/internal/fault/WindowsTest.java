package io.netharness.simulator.internal.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.simulator.Seeds;
import io.netharness.simulator.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The windows each trigger of time opens, computed without timers, and their jitter replayed from the seed. */
class WindowsTest {

    private static final long MS = 1_000_000;

    private static List<Windows.Window> first(Trigger trigger, long seed, int count) {
        Windows windows = Windows.of(trigger, Seeds.generator(seed, "test"));
        List<Windows.Window> list = new ArrayList<>();
        for (Windows.Window w; list.size() < count && (w = windows.next()) != null; ) {
            list.add(w);
        }
        return list;
    }

    @Test
    void onConnectAfterAndBetweenOpenOneWindow() {
        assertThat(first(Trigger.onConnect(), 1, 5)).containsExactly(new Windows.Window(0, Windows.NEVER));
        assertThat(first(Trigger.after(Duration.ofMillis(30)), 1, 5))
                .containsExactly(new Windows.Window(30 * MS, Windows.NEVER));
        assertThat(first(Trigger.between(Duration.ofMillis(10), Duration.ofMillis(25)), 1, 5))
                .containsExactly(new Windows.Window(10 * MS, 25 * MS));
        assertThat(first(Trigger.during(Duration.ofSeconds(2)), 1, 5))
                .containsExactly(new Windows.Window(0, 2_000 * MS));
    }

    @Test
    void flappingIsUpThenDownOverAndOver() {
        assertThat(first(Trigger.flapping(Duration.ofMillis(200), Duration.ofMillis(100)), 1, 3)).containsExactly(
                new Windows.Window(200 * MS, 300 * MS),
                new Windows.Window(500 * MS, 600 * MS),
                new Windows.Window(800 * MS, 900 * MS));
    }

    @Test
    void afterThenEveryGivesInstantsOrWindowsOfTheirLength() {
        assertThat(first(Trigger.after(Duration.ofSeconds(1)).thenEvery(Duration.ofSeconds(5)), 1, 3)).containsExactly(
                new Windows.Window(1_000 * MS, 1_000 * MS),
                new Windows.Window(6_000 * MS, 6_000 * MS),
                new Windows.Window(11_000 * MS, 11_000 * MS));
        assertThat(first(Trigger.after(Duration.ofSeconds(1)).thenEvery(Duration.ofSeconds(5))
                .lasting(Duration.ofMillis(200)), 1, 2)).containsExactly(
                new Windows.Window(1_000 * MS, 1_200 * MS),
                new Windows.Window(6_000 * MS, 6_200 * MS));
    }

    @Test
    void jitterVariesEachPhaseWithinItsBoundsTheSameWayForTheSameSeed() {
        Trigger flapping = Trigger.flapping(Duration.ofMillis(200), Duration.ofMillis(100))
                .withJitter(Duration.ofMillis(50));
        List<Windows.Window> windows = first(flapping, 42, 200);
        assertThat(first(flapping, 42, 200)).isEqualTo(windows);
        assertThat(first(flapping, 43, 200)).isNotEqualTo(windows);
        long previousClose = 0;
        boolean varied = false;
        for (Windows.Window window : windows) {
            long down = window.closeNanos() - window.openNanos();
            long up = window.openNanos() - previousClose;
            assertThat(down).as("a down phase of %s", window).isBetween(50 * MS, 150 * MS);
            assertThat(up).as("the up phase before %s", window).isBetween(150 * MS, 250 * MS);
            varied |= down != 100 * MS;
            previousClose = window.closeNanos();
        }
        assertThat(varied).as("some phase drawn away from its nominal length").isTrue();
    }

    @Test
    void onlyTriggersOfTimeHaveWindows() {
        assertThatThrownBy(() -> Windows.of(Trigger.afterBytes(5), Seeds.generator(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a trigger of time: after 5 bytes");
    }
}
