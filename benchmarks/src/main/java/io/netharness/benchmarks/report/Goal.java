package io.netharness.benchmarks.report;

/**
 * One goal of the tracker issue next to what this run achieved.
 *
 * @param name     what is measured, e.g. "TCP throughput vs direct"
 * @param target   the goal as written, e.g. ">= 0.90x"
 * @param achieved the figure this run produced, or why there is none
 * @param met      whether the goal is met; {@code null} when not measured
 */
public record Goal(String name, String target, String achieved, Boolean met) {

    public static Goal notMeasured(String name, String target, String reason) {
        return new Goal(name, target, reason, null);
    }

    public static Goal atLeast(String name, double target, double achieved, String format) {
        return new Goal(name, ">= " + String.format(format, target), String.format(format, achieved),
                achieved >= target);
    }

    public static Goal atMost(String name, double target, double achieved, String format) {
        return new Goal(name, "<= " + String.format(format, target), String.format(format, achieved),
                achieved <= target);
    }

    /**
     * At least {@code target}; but where even the best C relay of the same run ({@code floor}, the same figure
     * for it) falls short of the target, the machine does not allow it, and the goal becomes at least 95 % of the
     * floor.
     */
    public static Goal atLeastOrNearFloor(String name, double target, double achieved, Double floor, String format) {
        if (floor == null || floor >= target) {
            return atLeast(name, target, achieved, format);
        }
        double nearFloor = 0.95 * floor;
        return new Goal(name, ">= " + String.format(format, target) + " (floor " + String.format(format, floor)
                + ", so >= " + String.format(format, nearFloor) + ")", String.format(format, achieved),
                achieved >= nearFloor);
    }

    /**
     * At most {@code target}; but where even the best C relay of the same run ({@code floor}) exceeds it, the goal
     * becomes at most 5 % over the floor.
     */
    public static Goal atMostOrNearFloor(String name, double target, double achieved, Double floor, String format) {
        if (floor == null || floor <= target) {
            return atMost(name, target, achieved, format);
        }
        double nearFloor = 1.05 * floor;
        return new Goal(name, "<= " + String.format(format, target) + " (floor " + String.format(format, floor)
                + ", so <= " + String.format(format, nearFloor) + ")", String.format(format, achieved),
                achieved <= nearFloor);
    }

    public String verdict() {
        return met == null ? "not measured" : met ? "met" : "MISSED";
    }
}
