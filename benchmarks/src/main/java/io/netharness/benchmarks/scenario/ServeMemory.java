package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.endpoint.EchoServer;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.ServeHop;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Measurement 13: the resident memory of {@code serve} (one {@code --link}, its defaults, a process of its own) as
 * the operating system counts it: just started, idle after a warm-up of connections opened and closed, and with
 * {@code memoryConnections} connections open through it (each echoed once). Per connection: the growth from idle
 * to loaded, divided by the connections. Nothing is collected or trimmed first: this is what a user's machine pays.
 */
public final class ServeMemory {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int WARMUP = 200;

    private ServeMemory() {
    }

    /** Resident memory of serve: just started, idle after a warm-up, with the connections open (bytes). */
    record Figures(long started, long idle, long loaded, int connections) {
        long perConnection() {
            return (loaded - idle) / connections;
        }
    }

    public static Section run(SuiteConfig config) throws Exception {
        Figures[] rounds = new Figures[config.rounds()];
        for (int round = 0; round < rounds.length; round++) {
            rounds[round] = once(config.memoryConnections());
        }
        Section section = new Section("13. Memory of serve: resident set, idle and with open connections");
        section.header("round", "just started", "idle after warm-up", "with connections open", "connections",
                "per connection");
        double[] perConnection = new double[rounds.length];
        for (int round = 0; round < rounds.length; round++) {
            Figures f = rounds[round];
            perConnection[round] = f.perConnection();
            section.row(round + 1, mib(f.started()), mib(f.idle()), mib(f.loaded()), String.format("%,d", f.connections()),
                    String.format("%.1f KiB", f.perConnection() / 1024.0));
        }
        section.note(String.format("serve --no-api --link to a Netty echo server in the suite's JVM, a fresh serve"
                        + " per round, default JVM options but for -Xss512k; VmRSS of its process. Idle: after %d"
                        + " connections opened, echoed and closed. Loaded: with %,d connections open, each echoed"
                        + " once (at most %d handshakes in flight).", WARMUP, config.memoryConnections(),
                ConnectionFlood.IN_FLIGHT));
        double median = io.netharness.benchmarks.report.Stats.median(perConnection);
        section.goal(Goal.atMost("serve memory per open connection (KiB)", 10, median / 1024, "%.1f"));
        return section;
    }

    static Figures once(int connections) throws Exception {
        EventLoopGroup group = Loops.newGroup(1);
        try (EchoServer echo = new EchoServer(group); ServeHop serve = ServeHop.start(ServeHop.Kind.LINK, false,
                echo.address())) {
            long pid = serve.process().pid();
            long started = residentBytes(pid);
            try (ConnectionFlood warmUp = new ConnectionFlood()) {
                require(warmUp.open(serve.address(), WARMUP, TIMEOUT), WARMUP);
            }
            long idle = residentBytes(pid);
            try (ConnectionFlood flood = new ConnectionFlood()) {
                require(flood.open(serve.address(), connections, TIMEOUT), connections);
                return new Figures(started, idle, residentBytes(pid), connections);
            }
        } finally {
            Loops.shutdown(group);
        }
    }

    private static void require(int established, int expected) {
        if (established != expected) {
            throw new IllegalStateException(established + " of " + expected + " connections through serve echoed within "
                    + TIMEOUT.toSeconds() + " s");
        }
    }

    /** VmRSS of process {@code pid}, from /proc. */
    static long residentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("/proc/" + pid + "/status has no VmRSS");
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
