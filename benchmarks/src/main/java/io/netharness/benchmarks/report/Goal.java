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

    public String verdict() {
        return met == null ? "not measured" : met ? "met" : "MISSED";
    }
}
