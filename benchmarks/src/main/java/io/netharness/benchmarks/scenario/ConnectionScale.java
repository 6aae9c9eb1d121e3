package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.endpoint.EchoServer;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.NotMeasured;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netty.channel.EventLoopGroup;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Measurement 6: many concurrent TCP connections through one hop into one multi-client echo server,
 * all in this JVM. Reports connections per second (until each has echoed one byte) and memory per
 * connection; a hop's own share is its figure minus direct's, since client and server sockets are in
 * this JVM too. Every proxied connection costs this process four descriptors (client, two on the hop,
 * server), so the connection count is capped by the descriptor limit; the report says so.
 */
public final class ConnectionScale {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int RESERVED_DESCRIPTORS = 400; // jars, epoll and event fds, JMH, logging

    record Run(int requested, int established, int failed, double seconds, MemorySnapshot memory) {
        double perSecond() {
            return established / seconds;
        }

        long perConnection(long bytes) {
            return established == 0 ? 0 : bytes / established;
        }
    }

    private ConnectionScale() {
    }

    public static Section run(SuiteConfig config) throws InterruptedException {
        int limit = (int) Math.min(Integer.MAX_VALUE, (maxDescriptors() - RESERVED_DESCRIPTORS) / 4);
        int count = Math.min(config.scaleConnections(), limit);
        Map<Variant, Run> runs = new EnumMap<>(Variant.class);
        Map<Variant, String> skipped = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            try {
                runs.put(variant, once(variant, count));
            } catch (NotMeasured e) {
                skipped.put(variant, e.getMessage());
            }
        }
        return report(config, count, limit, runs, skipped);
    }

    static Run once(Variant variant, int count) throws InterruptedException {
        EventLoopGroup serverGroup = Loops.newGroup(1);
        try (EchoServer server = new EchoServer(serverGroup);
             Hop hop = Hops.tcpForScale(variant, server.address())) {
            MemorySnapshot before = MemorySnapshot.take();
            try (ConnectionFlood flood = new ConnectionFlood()) {
                long start = System.nanoTime();
                int established = flood.open(hop.address(), count, TIMEOUT);
                double seconds = (System.nanoTime() - start) / 1e9;
                MemorySnapshot used = MemorySnapshot.take().minus(before);
                return new Run(count, established, flood.failed(), seconds, used);
            }
        } finally {
            Loops.shutdown(serverGroup);
        }
    }

    private static Section report(SuiteConfig config, int count, long limit, Map<Variant, Run> runs,
                                  Map<Variant, String> skipped) {
        Section section = new Section("6. Scale: concurrent TCP connections through one hop into one echo server");
        section.header("variant", "established", "failed", "connections/s", "heap/conn", "direct/conn",
                "RSS/conn", "hop's heap/conn", "hop's RSS/conn");
        Run direct = runs.get(Variant.DIRECT);
        for (Variant variant : Variant.values()) {
            Run run = runs.get(variant);
            if (run == null) {
                section.row(variant, skipped.get(variant), "", "", "", "", "", "", "");
                continue;
            }
            MemorySnapshot m = run.memory();
            section.row(variant, String.format("%,d / %,d", run.established(), run.requested()), run.failed(),
                    String.format("%,.0f", run.perSecond()),
                    bytes(run.perConnection(m.heapUsed())), bytes(run.perConnection(m.directBytes())),
                    bytes(run.perConnection(m.residentBytes())),
                    variant == Variant.DIRECT ? "-"
                            : bytes(run.perConnection(m.heapUsed()) - direct.perConnection(direct.memory().heapUsed())),
                    variant == Variant.DIRECT ? "-"
                            : bytes(run.perConnection(m.residentBytes())
                                    - direct.perConnection(direct.memory().residentBytes())));
        }
        section.note(String.format("Requested %,d connections (config %,d); this process may open %,d"
                        + " descriptors and a proxied connection holds 4 of them in one JVM, so at most %,d fit."
                        + " NetCrusher runs with 2 x 16 KiB buffers per direction here: its default"
                        + " (64 x 32 KiB, 4 MiB per connection) would need %,d MiB.",
                count, config.scaleConnections(), maxDescriptors(), limit, count * 4L));
        Run link = runs.get(Variant.NETHARNESS);
        if (link == null) {
            section.goal(Goal.notMeasured("concurrent connections through one link", ">= 10,000",
                    skipped.get(Variant.NETHARNESS)));
        } else {
            section.goal(new Goal("concurrent connections through one link", ">= 10,000",
                    String.format("%,d (descriptor limit allows %,d in one JVM)", link.established(), limit),
                    link.established() >= 10_000));
        }
        return section;
    }

    private static String bytes(long bytes) {
        return bytes >= 10 * 1024 ? String.format("%.1f KiB", bytes / 1024.0) : bytes + " B";
    }

    static long maxDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return 4096;
    }
}
