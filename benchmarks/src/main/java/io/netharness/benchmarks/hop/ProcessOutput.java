package io.netharness.benchmarks.hop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard output of a child process, read line by line on a daemon thread, so that the suite can wait for a
 * line with a time limit (a blocking read would hang on a child that never prints it).
 */
public final class ProcessOutput {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    public ProcessOutput(Process process, String threadName) {
        this.process = process;
        Thread reader = new Thread(this::readLines, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLines() {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.add(line);
            }
        } catch (IOException endedWithTheProcess) {
            // nothing more to read
        }
    }

    /**
     * Skips lines until one matches {@code pattern}; fails after {@code timeout} with what {@code errors} says
     * (the child's error output).
     */
    public Matcher await(Pattern pattern, Duration timeout, Supplier<String> errors) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            Matcher matcher = pattern.matcher(line);
            if (matcher.matches()) {
                return matcher;
            }
        }
        throw new IllegalStateException(process.info().command().orElse("child process") + " did not print a line"
                + " like " + pattern + " within " + timeout.toMillis() + " ms (alive: " + process.isAlive()
                + "); its errors:\n" + errors.get());
    }
}
