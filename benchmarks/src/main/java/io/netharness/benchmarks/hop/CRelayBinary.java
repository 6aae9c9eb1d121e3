package io.netharness.benchmarks.hop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C relay ({@code benchmarks/c/relay.c}, carried in the jar under {@code c/}) compiled once per JVM with the
 * machine's gcc into a temporary directory. Without gcc the relay floors are not measured, and the report says why.
 */
final class CRelayBinary {

    private static final List<String> SOURCES = List.of("relay.c", "loopback.h");
    private static final long COMPILE_SECONDS = 120;
    private static Path binary;

    private CRelayBinary() {
    }

    /** The compiled relay; compiles it on first use. */
    static synchronized Path path() {
        if (binary == null) {
            binary = compile();
        }
        return binary;
    }

    private static Path compile() {
        try {
            Path directory = Files.createTempDirectory("netharness-relay-");
            directory.toFile().deleteOnExit();
            for (String source : SOURCES) {
                try (InputStream in = CRelayBinary.class.getResourceAsStream("/c/" + source)) {
                    if (in == null) {
                        throw new IllegalStateException("c/" + source + " is not on the class path (the benchmarks"
                                + " jar carries it; was it built with mvn package?)");
                    }
                    Path file = directory.resolve(source);
                    Files.copy(in, file);
                    file.toFile().deleteOnExit();
                }
            }
            Path relay = directory.resolve("relay");
            List<String> command = List.of("gcc", "-O2", "-Wall", "-o", relay.toString(),
                    directory.resolve("relay.c").toString());
            Process gcc;
            try {
                gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new NotMeasured("gcc is not installed (Debian package gcc): " + e.getMessage());
            }
            String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!gcc.waitFor(COMPILE_SECONDS, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                gcc.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            relay.toFile().deleteOnExit();
            return relay;
        } catch (IOException e) {
            throw new IllegalStateException("cannot build the C relay: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the C relay", e);
        }
    }
}
