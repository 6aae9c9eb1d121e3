package io.netharness.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A goal the machine's floor cannot reach becomes "within 5 % of the floor"; otherwise it stands as written. */
class GoalTest {

    @Test
    void aFloorAboveTheTargetLeavesTheGoalAsWritten() {
        Goal goal = Goal.atLeastOrNearFloor("rate", 2.0, 1.9, 2.5, "%.2fx");
        assertThat(goal.target()).isEqualTo(">= 2.00x");
        assertThat(goal.met()).isFalse();
    }

    @Test
    void aFloorBelowTheTargetMakesItNinetyFivePercentOfTheFloor() {
        Goal met = Goal.atLeastOrNearFloor("rate", 2.0, 1.53, 1.6, "%.2fx");
        assertThat(met.target()).isEqualTo(">= 2.00x (floor 1.60x, so >= 1.52x)");
        assertThat(met.met()).isTrue();
        assertThat(Goal.atLeastOrNearFloor("rate", 2.0, 1.51, 1.6, "%.2fx").met()).isFalse();
    }

    @Test
    void aLatencyFloorAboveTheTargetAllowsFivePercentOverIt() {
        Goal goal = Goal.atMostOrNearFloor("added", 20.0, 31.0, 30.0, "%.1f");
        assertThat(goal.target()).isEqualTo("<= 20.0 (floor 30.0, so <= 31.5)");
        assertThat(goal.met()).isTrue();
        assertThat(Goal.atMostOrNearFloor("added", 20.0, 32.0, 30.0, "%.1f").met()).isFalse();
        assertThat(Goal.atMostOrNearFloor("added", 20.0, 21.0, 10.0, "%.1f").met()).isFalse();
    }
}
