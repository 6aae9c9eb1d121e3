package io.netharness.benchmarks.lineup;

import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.scenario.ChildJvm;
import io.netharness.benchmarks.hop.ProcessOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A JVM of its own ({@link HopHostProcess}) that runs proxies for the suite, started on first use and kept for the
 * whole run, as a long-running standalone proxy is: each measurement opens its hops there and closes them at its
 * end. Thread-safe; one request at a time.
 */
final class HopHost implements AutoCloseable {

    private static final Pattern ANY_LINE = Pattern.compile(".*");
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final ProcessOutput replies;
    private final PrintWriter commands;

    HopHost() {
        try {
            process = new ProcessBuilder(ChildJvm.command(List.of(), ChildJvm.PROXY_OPTIONS, HopHostProcess.class))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        replies = new ProcessOutput(process, "hop-host-output");
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            reply("ready");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts a hop of {@code variant} in the host's JVM in front of {@code target} (on 127.0.0.1). */
    synchronized Hop open(Variant variant, boolean udp, InetSocketAddress target) {
        commands.println("open " + variant + " " + (udp ? "udp" : "tcp") + " " + target.getPort());
        String[] opened = reply("opened");
        int id = Integer.parseInt(opened[1]);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(opened[2]));
        return new Hop() {
            private boolean closed;

            @Override
            public InetSocketAddress address() {
                return address;
            }

            @Override
            public void close() {
                synchronized (HopHost.this) {
                    if (!closed && process.isAlive()) {
                        closed = true;
                        commands.println("close " + id);
                        reply("closed");
                    }
                }
            }
        };
    }

    /** The next line, which must start with {@code expected}; an {@code error} line fails with its message. */
    private String[] reply(String expected) {
        String line;
        try {
            line = replies.await(ANY_LINE, REPLY_TIMEOUT, () -> "(on the suite's error output)").group();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the hop host", e);
        }
        if (!line.startsWith(expected)) {
            throw new IllegalStateException("hop host answered " + line + " (expected: " + expected + " ...)");
        }
        return line.split(" ");
    }

    @Override
    public synchronized void close() {
        commands.println("exit");
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("hop host did not exit within 20 s; killed it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
