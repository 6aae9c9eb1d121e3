package io.netharness.it.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netharness.core.servers.HarnessServer;
import io.netharness.junit.InProcessServer;
import io.netharness.junit.SimulatedLink;
import io.netharness.simulator.TcpLink;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A user's run as the issue found it: a fresh project with no SLF4J at all, and without AssertJ (the extension
 * needs it only for its assertions). A failing test must carry the statistics of its links in the failure itself,
 * and NetHarness must print nothing the user did not cause (no "No SLF4J providers were found", no log lines).
 */
class StandaloneFailureReportTest {

    private static final long TIME_LIMIT_SECONDS = 60;

    @Test
    void aFailureCarriesItsLinksAndNothingElseIsPrintedWithoutSlf4jOrAssertj(@TempDir Path dir) throws Exception {
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().contains("slf4j"))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("assertj"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("slf4j").doesNotContain("assertj");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss512k", "-XX:TieredStopAtLevel=1", "-cp", classPath, RunFixture.class.getName())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(child.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)).as("child JVM ended in time").isTrue();
        } finally {
            child.destroyForcibly();
        }
        String printed = Files.readString(out);
        String errors = Files.readString(err);
        assertThat(child.exitValue()).as("exit code; output:%n%s%nerrors:%n%s", printed, errors).isZero();
        assertThat(printed)
                .contains("FAILED fails(): org.opentest4j.AssertionFailedError: the client expected \"hello\" ==>"
                        + " expected: <goodbye> but was: <hello>")
                .contains("Suppressed: io.netharness.junit.internal.ReplayHint: NetHarness test seed 0x")
                .contains("to replay this test add @NetHarnessSeed(0x")
                .containsPattern("  link 'link': TcpLink\\{127\\.0\\.0\\.1:\\d+ -> 127\\.0\\.0\\.1:\\d+")
                .contains("LinkStatistics{upstream: in 1 (5 bytes), delivered 1 (5 bytes), dropped 0");
        assertThat(errors).as("what the child printed to its error stream").isEmpty();
    }

    /** The child JVM: runs {@link Fixture} through the JUnit Platform launcher and prints failures as a console would. */
    public static final class RunFixture {

        public static void main(String[] args) {
            PrintStream out = System.out;
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(Fixture.class))
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .build();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                    result.getThrowable().ifPresent(thrown -> {
                        out.println(result.getStatus() + " " + test.getDisplayName() + ": " + thrown);
                        thrown.printStackTrace(out);
                    });
                }
            });
            out.flush();
        }
    }

    /** Fails after a round trip through its link, so the link has statistics to report. */
    static class Fixture {
        @InProcessServer
        static HarnessServer echo;

        @SimulatedLink(targetServer = "echo", latency = "1ms")
        TcpLink link;

        @Test
        void fails() throws IOException {
            try (Socket socket = new Socket()) {
                socket.setSoTimeout(10_000);
                socket.connect(link.address(), 10_000);
                socket.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
                String reply = new String(socket.getInputStream().readNBytes(5), StandardCharsets.UTF_8);
                assertEquals("goodbye", reply, "the client expected \"hello\""); // JUnit's: no AssertJ in the child
            }
        }
    }
}
