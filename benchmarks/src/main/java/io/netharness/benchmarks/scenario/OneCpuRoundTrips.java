package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.hop.NotMeasured;
import io.netharness.benchmarks.hop.Variant;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measurement 2 again, in a child JVM whose threads may all run on one vCPU only ({@code taskset}). On a
 * virtual machine a round trip between threads on two vCPUs pays for waking an idle vCPU, and where the
 * scheduler puts the client, hop and echo server changes from run to run; on one vCPU every hand-over is a
 * plain context switch, so the figures show what the hop itself adds.
 *
 * <p>The child prints {@code cpus <allowed list>} first, then {@code round <variant> <round> <p50> <p99>
 * <p99.9>} (nanoseconds) for each variant and round, or {@code skipped <variant> <reason>}.
 */
public final class OneCpuRoundTrips {

    private static final Pattern CPUS_ALLOWED = Pattern.compile("(?m)^Cpus_allowed_list:\\s*(\\S+)$");
    private static final long TIMEOUT_MINUTES = 10;

    private OneCpuRoundTrips() {
    }

    /** The rounds, measured in a child JVM confined to the first vCPU this process may use. */
    static RoundTripRounds measure(int rounds, int warmup, int samples) {
        String cpu = allowedCpus().split("[-,]")[0];
        List<String> command = ChildJvm.command(List.of("taskset", "-c", cpu), List.of(), OneCpuRoundTrips.class,
                Integer.toString(rounds), Integer.toString(warmup), Integer.toString(samples));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new NotMeasured("could not start " + command.get(0) + " (util-linux): " + e.getMessage());
        }
        try {
            // The output is a few hundred bytes: it cannot fill the pipe while we wait.
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException("one-vCPU child JVM did not finish within " + TIMEOUT_MINUTES + " min");
            }
            List<String> lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)).lines().toList();
            if (process.exitValue() != 0) {
                throw new IllegalStateException("one-vCPU child JVM exited with " + process.exitValue()
                        + " after printing " + lines);
            }
            return parse(lines, cpu, rounds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the one-vCPU child JVM", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static RoundTripRounds parse(List<String> lines, String cpu, int rounds) {
        if (lines.isEmpty() || !lines.get(0).equals("cpus " + cpu)) {
            throw new IllegalStateException("one-vCPU child JVM ran on " + (lines.isEmpty() ? "nothing" : lines.get(0))
                    + " (expected: cpus " + cpu + ")");
        }
        RoundTripRounds result = RoundTripRounds.empty(rounds);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(" ", 3);
            if (fields[0].equals("skipped") && fields.length == 3) {
                result.skipped().put(Variant.valueOf(fields[1]), fields[2]);
            } else if (fields[0].equals("round") && fields.length == 3) {
                String[] values = fields[2].split(" ");
                Variant variant = Variant.valueOf(fields[1]);
                int round = Integer.parseInt(values[0]);
                for (int p = 0; p < RoundTripRounds.PERCENTILES.length; p++) {
                    result.record(variant, round, p, Double.parseDouble(values[1 + p]));
                }
            } else {
                throw new IllegalStateException("one-vCPU child JVM printed '" + line
                        + "' (expected: round <variant> <round> <p50> <p99> <p99.9>, or skipped <variant> <reason>)");
            }
        }
        return result;
    }

    private static String allowedCpus() {
        try {
            Matcher matcher = CPUS_ALLOWED.matcher(Files.readString(Path.of("/proc/self/status")));
            if (matcher.find()) {
                return matcher.group(1);
            }
            throw new NotMeasured("/proc/self/status has no Cpus_allowed_list");
        } catch (IOException e) {
            throw new NotMeasured("cannot read /proc/self/status: " + e.getMessage());
        }
    }

    /** Child JVM: arguments rounds, warm-up round trips and measured round trips per round. */
    public static void main(String[] args) throws IOException {
        RoundTripRounds result = RoundTripRounds.measure(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        StringBuilder out = new StringBuilder("cpus ").append(allowedCpus()).append('\n');
        result.skipped().forEach((variant, reason) -> out.append("skipped ").append(variant).append(' ')
                .append(reason.replace('\n', ' ')).append('\n'));
        result.perRound().forEach((variant, figures) -> {
            for (int round = 0; round < result.rounds(); round++) {
                out.append("round ").append(variant).append(' ').append(round);
                for (double[] percentile : figures) {
                    out.append(' ').append(percentile[round]);
                }
                out.append('\n');
            }
        });
        System.out.print(out);
        System.out.flush();
        System.exit(0); // NetCrusher's reactor threads are not daemons
    }
}
