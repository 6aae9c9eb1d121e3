package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.core.StreamComponent;
import io.netharness.core.tcp.MultiClientServer;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Measurement 6: many concurrent TCP connections through one hop into harness-core's {@link MultiClientServer}
 * (one echo component per connection). Clients and server run in this JVM; each proxy runs alone in a child JVM
 * ({@link RemoteHop}), so the memory it grows by is its own, measured there after a full collection, and the two
 * descriptors per connection a proxy needs do not add to the two (client, server) this JVM needs.
 * A connection counts once one byte has been echoed through it.
 */
public final class ConnectionScale {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(15);
    /** Descriptors a JVM needs besides the connections: jars, epoll and event fds, pipes, logging. */
    private static final int RESERVED_DESCRIPTORS = 300;

    record Run(int requested, int established, int failed, int serverConnections, double seconds,
               MemorySnapshot hopMemory, String warmUp) {
        double perSecond() {
            return established / seconds;
        }

        long perConnection(long bytes) {
            return established == 0 ? 0 : bytes / established;
        }
    }

    private ConnectionScale() {
    }

    /** How many connections fit: every process involved holds two descriptors per connection. */
    static int limit() {
        return (int) Math.min(Integer.MAX_VALUE, (maxDescriptors() - RESERVED_DESCRIPTORS) / 2);
    }

    public static Section run(SuiteConfig config) throws InterruptedException {
        int count = Math.min(config.scaleConnections(), limit());
        Map<Variant, Run> runs = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            runs.put(variant, once(variant, count));
        }
        return report(config, count, runs);
    }

    static Run once(Variant variant, int count) throws InterruptedException {
        try (MultiClientServer server = MultiClientServer.builder(info -> StreamComponent.map("echo", chunk -> chunk)).build()) {
            server.start();
            try (Hop hop = variant == Variant.DIRECT ? Hops.tcp(variant, server.address(), Impairment.NONE)
                    : new RemoteHop(variant, server.address())) {
                String warmUp = warmUp(hop, count);
                MemorySnapshot before = hop instanceof RemoteHop remote ? remote.memory() : null;
                try (ConnectionFlood flood = new ConnectionFlood()) {
                    long start = System.nanoTime();
                    int established = flood.open(hop.address(), count, TIMEOUT);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    int serverConnections = server.connectionCount();
                    MemorySnapshot grown = hop instanceof RemoteHop remote ? remote.memory().minus(before) : null;
                    return new Run(count, established, flood.failed(), serverConnections, seconds, grown, warmUp);
                }
            }
        }
    }

    /**
     * A few connections opened and closed first, so a fresh JVM's class loading and JIT are not measured.
     * Returns "established of requested" for the report.
     */
    private static String warmUp(Hop hop, int count) throws InterruptedException {
        int warmUp = Math.min(200, Math.max(1, count / 10));
        try (ConnectionFlood flood = new ConnectionFlood()) {
            return flood.open(hop.address(), warmUp, WARM_UP_TIMEOUT) + " of " + warmUp;
        }
    }

    private static Section report(SuiteConfig config, int count, Map<Variant, Run> runs) {
        Section section = new Section("6. Scale: concurrent TCP connections through one hop into one MultiClientServer");
        section.header("variant", "warm-up", "established", "at server", "failed", "connections/s", "hop heap/conn",
                "hop direct/conn", "hop RSS/conn");
        for (Variant variant : Variant.values()) {
            Run run = runs.get(variant);
            MemorySnapshot m = run.hopMemory();
            section.row(variant, run.warmUp(), String.format("%,d / %,d", run.established(), run.requested()),
                    String.format("%,d", run.serverConnections()), run.failed(), String.format("%,.0f", run.perSecond()),
                    m == null ? "-" : bytes(run.perConnection(m.heapUsed())),
                    m == null ? "-" : bytes(run.perConnection(m.directBytes())),
                    m == null ? "-" : bytes(run.perConnection(m.residentBytes())));
        }
        section.note(String.format("Requested %,d connections (config %,d), at most %,d handshakes in flight, %d s"
                        + " allowed per variant, after a warm-up of up to 200 connections opened and closed. Each process may open %,d descriptors (hard limit; raising it needs"
                        + " CAP_SYS_RESOURCE, which this machine withholds) and a TCP proxy holds two per connection,"
                        + " so no proxy process here can carry more than %,d. Memory: the hop's JVM after a full"
                        + " collection, with all connections open, minus before. NetCrusher runs with 2 x 16 KiB"
                        + " buffers per direction: its default (64 x 32 KiB, 4 MiB per connection) would need %,d MiB.",
                count, config.scaleConnections(), ConnectionFlood.IN_FLIGHT, TIMEOUT.toSeconds(), maxDescriptors(),
                limit(), count * 4L));
        Run link = runs.get(Variant.NETHARNESS);
        section.goal(new Goal("concurrent connections through one link", ">= 10,000",
                String.format("%,d of %,d requested (descriptor limit: %,d)", link.established(), count, limit()),
                link.established() >= 10_000));
        MemorySnapshot m = link.hopMemory();
        section.goal(new Goal("memory per connection (stated)", "stated",
                String.format("heap %s + direct %s, RSS %s", bytes(link.perConnection(m.heapUsed())),
                        bytes(link.perConnection(m.directBytes())), bytes(link.perConnection(m.residentBytes()))),
                Boolean.TRUE));
        return section;
    }

    private static String bytes(long bytes) {
        return bytes >= 10 * 1024 || bytes <= -10 * 1024 ? String.format("%.1f KiB", bytes / 1024.0) : bytes + " B";
    }

    /** The descriptor limit of this process, for the report's environment. */
    public static long descriptorLimit() {
        return maxDescriptors();
    }

    static long maxDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return 4096;
    }
}
