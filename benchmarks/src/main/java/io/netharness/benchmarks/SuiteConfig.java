package io.netharness.benchmarks;

import java.time.Duration;

/**
 * Sizes of one suite run. {@link #full()} is the measurement run behind BENCHMARKS.md; {@link #smoke()}
 * runs every scenario with tiny sizes so the smoke test finishes in seconds and the code cannot rot.
 *
 * @param rounds           interleaved rounds per variant; figures are medians over rounds
 * @param tcpBytes         bytes per TCP bulk transfer (measurements 1 and 7)
 * @param cappedBytes      bytes per transfer through a bandwidth cap (measurement 7)
 * @param pingWarmup       round trips discarded before measuring (JIT, caches)
 * @param pingSamples      round trips measured per round (measurement 2)
 * @param udpDuration      send time per UDP run (measurement 3)
 * @param delaySamples     datagrams per configured delay (measurement 4)
 * @param lifecycleSamples test lifecycles timed per variant (measurement 5)
 * @param scaleConnections concurrent connections (measurement 6)
 * @param firstUseJvms     fresh JVMs per row (measurement 8)
 * @param firstUseMessages messages through the first link of each fresh JVM (measurement 8)
 * @param replayDatagrams  datagrams per cold JVM, at 20,000/s (measurement 9)
 * @param setupSamples     connections opened one after another per round, each timed (measurement 11)
 * @param setupFlood       connections opened at once per round, for connections per second (measurement 11); NetCrusher
 *                         with its defaults holds 4 MiB of direct memory per connection, so 2,000 at once (8 GiB)
 *                         outgrow a JVM's default direct memory limit (its max heap) and kill its selector thread
 * @param testSamples      tests run per fixture class through the JUnit Platform (measurement 12)
 * @param memoryConnections connections held open through serve while its memory is read (measurement 13)
 */
public record SuiteConfig(int rounds, long tcpBytes, long cappedBytes, int pingWarmup, int pingSamples,
                          Duration udpDuration, int delaySamples, int lifecycleSamples, int scaleConnections,
                          int firstUseJvms, int firstUseMessages, int replayDatagrams,
                          int setupSamples, int setupFlood, int testSamples, int memoryConnections) {

    public static SuiteConfig full() {
        return new SuiteConfig(5, 256L << 20, 64L << 20, 5_000, 20_000, Duration.ofSeconds(1), 500, 500, 10_000,
                20, 1_000, 100_000, 300, 500, 300, 1_000);
    }

    public static SuiteConfig smoke() {
        return new SuiteConfig(1, 1L << 20, 256L << 10, 50, 200, Duration.ofMillis(100), 20, 5, 40, 1, 20, 1_000,
                10, 20, 5, 20);
    }
}
