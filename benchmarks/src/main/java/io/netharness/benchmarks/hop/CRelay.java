package io.netharness.benchmarks.hop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C relay of {@code benchmarks/c/relay.c} in a process of its own, in front of a target on 127.0.0.1: the floor
 * of what a relay reaches on this machine, measured in the same rounds as the Java proxies. Closing its standard
 * input ends it.
 */
public final class CRelay implements Hop {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern LISTENING = Pattern.compile("listening ([0-9]+)");

    /** How the relay moves bytes; see relay.c. */
    public enum Mode {
        /** TCP, read up to 4 MiB and write it on (relay.c). */
        COPY,
        /** TCP, splice(2) through a pipe: the bytes never enter user space. */
        SPLICE,
        /** UDP, batched recvmmsg/sendmmsg with GSO sends. */
        UDP
    }

    private final Process process;
    private final InetSocketAddress address;

    private CRelay(Mode mode, InetSocketAddress target) {
        if (!target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("target: " + target + " (expected: an address on 127.0.0.1)");
        }
        try {
            process = new ProcessBuilder(CRelayBinary.path().toString(), mode.name().toLowerCase(java.util.Locale.ROOT),
                    Integer.toString(target.getPort())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Matcher listening = new ProcessOutput(process, "c-relay-output").await(LISTENING, START_TIMEOUT,
                    () -> "(on the suite's error output)");
            address = new InetSocketAddress("127.0.0.1", Integer.parseInt(listening.group(1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while the C relay started", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts a relay in {@code mode} in front of {@code target}; not measured (NotMeasured) without gcc. */
    public static CRelay start(Mode mode, InetSocketAddress target) {
        return new CRelay(mode, target);
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("C relay did not exit within 10 s of its input closing; killed it");
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "CRelay{" + address + "}";
    }
}
