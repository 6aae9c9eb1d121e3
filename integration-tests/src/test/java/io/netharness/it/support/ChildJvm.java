package io.netharness.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code main} class of the test classpath run in a JVM of its own, for libraries configured once per JVM.
 * Its standard output is read line by line ({@link #awaitLine}); closing its standard input asks it to end;
 * {@link #close()} waits for that, then kills it.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path errors;
    private final BufferedReader output;

    private ChildJvm(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code mainClass} with the given JVM options and arguments, on this JVM's test classpath. */
    public static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, List<String> arguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire runs tests from a manifest-only jar; it publishes the real classpath separately.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xss512k", "-XX:TieredStopAtLevel=1", "-cp", classpath));
        command.addAll(jvmOptions);
        command.add(mainClass.getName());
        command.addAll(arguments);
        try {
            Path errors = Files.createTempFile("netharness-child-", ".err");
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            return new ChildJvm(process, errors);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + mainClass.getName(), e);
        }
    }

    /** Waits until the child prints {@code expected} as a line; fails with its error output otherwise. */
    public void awaitLine(String expected, Duration timeout) throws InterruptedException {
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.equals(expected)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            if (!seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child JVM ended without printing " + expected + "; its errors:\n" + errors());
            }
        } catch (TimeoutException e) {
            throw new AssertionError("child JVM did not print " + expected + " within " + timeout.toMillis()
                    + " ms; its errors:\n" + errors());
        } catch (ExecutionException e) {
            throw new AssertionError("reading the child JVM's output failed", e.getCause());
        }
    }

    private String errors() {
        try {
            return Files.readString(errors, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Files.deleteIfExists(errors);
        } catch (IOException ignored) {
            // in the temporary directory
        }
    }
}
