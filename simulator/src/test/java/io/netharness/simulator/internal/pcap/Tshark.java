package io.netharness.simulator.internal.pcap;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs {@code tshark} on a capture for tests; skips when it is missing, unless {@code CI=true}. */
public final class Tshark {

    private Tshark() {
    }

    /** Skips the test (or fails it on CI) when tshark is not installed. */
    public static void requireInstalled() {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "tshark")));
        if (!found) {
            String message = "tshark is not installed; run .ci/setup-tools (apt-get install tshark) to run this test";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    /** One row per packet, fields split on tabs; fails the test on a tshark error or after 60 s. */
    public static List<String[]> fields(Path capture, List<String> options, String... fields)
            throws IOException, InterruptedException {
        requireInstalled();
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString()));
        for (String option : options) {
            command.add("-o");
            command.add(option);
        }
        command.add("-T");
        command.add("fields");
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Path err = Files.createTempFile("tshark", ".err");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("tshark did not finish within 60 s: " + command);
        }
        String errors = Files.readString(err);
        Files.deleteIfExists(err);
        if (process.exitValue() != 0) {
            fail("tshark exited with " + process.exitValue() + ": " + errors + " (" + command + ")");
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }
}
