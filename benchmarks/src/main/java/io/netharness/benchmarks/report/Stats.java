package io.netharness.benchmarks.report;

import java.util.Arrays;

/** Small statistics on per-round figures. */
public final class Stats {

    private Stats() {
    }

    /** The median; the mean of the two middle values for an even count. */
    public static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double min(double... values) {
        return java.util.Arrays.stream(values).min().orElseThrow();
    }

    public static double max(double... values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }

    /** The value at {@code percentile} (0-100) of {@code values}, nearest rank. */
    public static double percentile(double percentile, double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static String micros(double nanos) {
        return String.format("%.1f µs", nanos / 1e3);
    }

    public static String millis(double nanos) {
        return String.format("%.3f ms", nanos / 1e6);
    }

    public static String mibPerSecond(double bytesPerSecond) {
        return String.format("%.0f MiB/s", bytesPerSecond / (1024 * 1024));
    }

    public static String ratio(double ratio) {
        return String.format("%.2fx", ratio);
    }
}
