package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Variant;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A hop running in its own JVM ({@link HopProcess}), on this JVM's class path and JDK: a proxy as users run one
 * standalone, and where the hop's memory must be measured alone or one process could not hold the descriptors of
 * both ends.
 */
public final class RemoteHop implements Hop {

    /** What the hop carries, and how it is configured. */
    public enum Kind {
        /** A TCP hop with its defaults. */
        TCP,
        /** A TCP hop for thousands of connections ({@link Hops#tcpForScale}). */
        TCP_SCALE,
        /** A UDP hop with its defaults. */
        UDP
    }

    private final Process process;
    private final BufferedReader replies;
    private final PrintWriter commands;
    private final InetSocketAddress address;

    RemoteHop(Variant variant, InetSocketAddress target) {
        this(variant, Kind.TCP_SCALE, target);
    }

    /** Starts a child JVM running the {@code kind} hop of {@code variant} in front of {@code target} (127.0.0.1). */
    public RemoteHop(Variant variant, Kind kind, InetSocketAddress target) {
        List<String> command = ChildJvm.command(List.of(), ChildJvm.PROXY_OPTIONS, HopProcess.class,
                variant.name(), kind.name(), Integer.toString(target.getPort()));
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            address = new InetSocketAddress("127.0.0.1", Integer.parseInt(reply("address")[1]));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    /** The hop process's memory now, after a full collection there. */
    MemorySnapshot memory() {
        commands.println("memory");
        String[] fields = reply("memory");
        return new MemorySnapshot(Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]));
    }

    private String[] reply(String expected) {
        String line;
        try {
            line = replies.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (line == null || !line.startsWith(expected + " ")) {
            throw new IllegalStateException("hop process answered " + line + " (expected: " + expected + " ...)");
        }
        return line.split(" ");
    }

    @Override
    public void close() {
        commands.println("exit");
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("hop process did not exit within 20 s; killed it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
