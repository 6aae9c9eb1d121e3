package io.netharness.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * A real server run as a child process in a directory of its own: started, polled until it answers, stopped and
 * its directory deleted on {@link #close()}. Its output goes to {@code <directory>/<name>.log}, whose end is quoted
 * in every failure.
 *
 * <p>Thread-safe; {@link #close()} is idempotent and waits for the process to exit (SIGTERM or the given signal,
 * then SIGKILL after 10 s).
 */
public final class ServerProcess implements AutoCloseable {

    /** Says whether the server answers yet; polled until it does. Exceptions count as "not yet". */
    @FunctionalInterface
    public interface Readiness {
        boolean ready() throws Exception;
    }

    /** Thrown when the server exits or does not answer while starting. */
    public static final class StartFailure extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String log;

        StartFailure(String message, String log) {
            super(message + "; the end of its log:\n" + log);
            this.log = log;
        }

        /** True when the log says the port was taken (another process won the race for it). */
        boolean portTaken() {
            return log.contains("in use") || log.contains("already used");
        }
    }

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 30;

    private final String name;
    private final Path directory;
    private final Process process;
    private final String stopSignal;
    private boolean closed;

    private ServerProcess(String name, Path directory, Process process, String stopSignal) {
        this.name = name;
        this.directory = directory;
        this.process = process;
        this.stopSignal = stopSignal;
    }

    /**
     * Starts {@code command} in {@code directory} and returns once {@code readiness} holds.
     *
     * @param stopSignal the signal that stops the server cleanly ({@code "TERM"} for most; {@code "INT"} is
     *                   PostgreSQL's fast shutdown)
     * @throws StartFailure if the process exits or does not become ready within {@code timeout}; the process is
     *                      stopped and {@code directory} deleted
     */
    public static ServerProcess start(String name, Path directory, List<String> command, String stopSignal,
            Duration timeout, Readiness readiness) {
        Path log = directory.resolve(name + ".log");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            deleteRecursively(directory);
            throw new UncheckedIOException("could not run " + command, e);
        }
        ServerProcess server = new ServerProcess(name, directory, process, stopSignal);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                String tail = tail(log);
                server.close();
                throw new StartFailure(name + " exited with status " + process.exitValue() + " while starting ("
                        + String.join(" ", command) + ")", tail);
            }
            if (isReady(readiness)) {
                return server;
            }
            if (System.nanoTime() - deadline > 0) {
                String tail = tail(log);
                server.close();
                throw new StartFailure(name + " did not answer within " + timeout.toMillis() + " ms", tail);
            }
            pause();
        }
    }

    /**
     * Starts a server on a free port, trying another port (at most three) when another process took the chosen one
     * between the check and the server's bind.
     */
    public static <T> T onFreePort(IntSupplier freePort, PortStarter<T> starter) {
        StartFailure last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort.getAsInt();
            try {
                return starter.start(port);
            } catch (StartFailure failure) {
                if (!failure.portTaken()) {
                    throw failure;
                }
                last = failure;
            }
        }
        throw last;
    }

    /** Starts a server on the given port. */
    @FunctionalInterface
    public interface PortStarter<T> {
        T start(int port);
    }

    /** The server's own directory (configuration, data, log). */
    public Path directory() {
        return directory;
    }

    /** The process id, for messages. */
    public long pid() {
        return process.pid();
    }

    /** The last lines of the server's output. */
    public String logTail() {
        return tail(directory.resolve(name + ".log"));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            deleteRecursively(directory);
        }
    }

    private void stop() {
        if (process.isAlive()) {
            signal(stopSignal);
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for 5 s");
                }
                throw new IllegalStateException(name + " (pid " + process.pid() + ") ignored SIG" + stopSignal
                        + " for " + STOP_TIMEOUT.toSeconds() + " s and was killed; its log:\n" + logTail());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void signal(String signal) {
        if ("TERM".equals(signal)) {
            process.destroy();
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                process.destroy();
            }
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }

    private static boolean isReady(Readiness readiness) {
        try {
            return readiness.ready();
        } catch (Exception notYet) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a server to start", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A new private directory in the system's temporary directory, for one server. */
    public static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree; what cannot be deleted is left (it is in the temporary directory). */
    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return name + "{pid=" + process.pid() + (process.isAlive() ? "" : ", exited") + "}";
    }
}
