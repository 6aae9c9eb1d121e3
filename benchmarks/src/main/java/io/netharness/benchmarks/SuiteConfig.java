package io.netharness.benchmarks;

import java.time.Duration;

/**
 * Sizes of one suite run. {@link #full()} is the measurement run behind BENCHMARKS.md; {@link #smoke()}
 * runs every scenario with tiny sizes so the smoke test finishes in seconds and the code cannot rot.
 *
 * @param rounds             interleaved rounds per variant; figures are medians over rounds
 * @param tcpBytes           bytes per TCP bulk transfer (measurement 1); JMH measures {@code rounds} of them
 * @param cappedBytes        bytes per transfer through a bandwidth cap (measurement 7)
 * @param jmhForks           JMH forks (0 = in this JVM, for the smoke test)
 * @param jmhWarmups         JMH warm-up iterations
 * @param jmhIterationTime   JMH iteration time of the timed (per-test cost) benchmark
 * @param pingWarmup         round trips discarded before measuring (JIT, caches)
 * @param pingSamples        round trips measured per round (measurement 2)
 * @param udpDuration        send time per UDP run (measurement 3)
 * @param delaySamples       datagrams per configured delay (measurement 4)
 * @param scaleConnections   concurrent connections (measurement 6)
 */
public record SuiteConfig(int rounds, long tcpBytes, long cappedBytes, int jmhForks, int jmhWarmups,
                          Duration jmhIterationTime, int pingWarmup, int pingSamples, Duration udpDuration,
                          int delaySamples, int scaleConnections) {

    public static SuiteConfig full() {
        return new SuiteConfig(5, 256L << 20, 64L << 20, 1, 1, Duration.ofSeconds(1),
                5_000, 20_000, Duration.ofSeconds(1), 400, 4_000);
    }

    public static SuiteConfig smoke() {
        return new SuiteConfig(1, 1L << 20, 256L << 10, 0, 0, Duration.ofMillis(100),
                50, 200, Duration.ofMillis(100), 20, 50);
    }
}
