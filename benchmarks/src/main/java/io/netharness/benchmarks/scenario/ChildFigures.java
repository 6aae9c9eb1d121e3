package io.netharness.benchmarks.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh child JVM ({@link ChildJvm}) and reads the {@code <name> <value>} lines it prints. The
 * child runs as a user's JVM would: without the leak detector settings of a test JVM (at paranoid, every buffer
 * records where it was touched, which slows a link below 20,000 datagrams/s).
 */
final class ChildFigures {

    private static final long TIMEOUT_MINUTES = 5;

    private ChildFigures() {
    }

    /** The child's figures by name, in the order printed; fails if it exits non-zero or prints anything else. */
    static Map<String, String> run(List<String> jvmOptions, Class<?> mainClass, String... args) {
        List<String> command = ChildJvm.command(List.of(), jvmOptions, mainClass, args).stream()
                .filter(argument -> !argument.startsWith("-Dio.netty.leakDetection")).toList();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start a child JVM: " + e.getMessage(), e);
        }
        try {
            // A few lines of output: they cannot fill the pipe while we wait.
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException(mainClass.getSimpleName() + " child JVM did not finish within "
                        + TIMEOUT_MINUTES + " min");
            }
            List<String> lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)).lines().toList();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(mainClass.getSimpleName() + " child JVM exited with "
                        + process.exitValue() + " after printing " + lines);
            }
            Map<String, String> figures = new LinkedHashMap<>();
            for (String line : lines) {
                String[] fields = line.split(" ", 2);
                if (fields.length != 2) {
                    throw new IllegalStateException(mainClass.getSimpleName() + " child JVM printed '" + line
                            + "' (expected: <name> <value>)");
                }
                figures.put(fields[0], fields[1]);
            }
            return figures;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child JVM", e);
        } finally {
            process.destroyForcibly();
        }
    }
}
