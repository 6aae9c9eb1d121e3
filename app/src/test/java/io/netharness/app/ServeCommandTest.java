package io.netharness.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code java -jar netharness.jar serve …} in-process: started through Main, queried, stopped by interrupt. */
class ServeCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void serveRunsTheApiUntilInterrupted() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread serving = new Thread(() -> exit.complete(Main.run(new String[] {"serve", "--port", "0",
                "--stats-interval", "0"}, outStream, errStream)), "serve-under-test");
        serving.start();
        try {
            int port = apiPort();
            HttpResponse<String> version = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(version.statusCode()).isEqualTo(200);
            assertThat(version.body()).isEqualTo("{\"version\": \"2.12.0\"}\n");
            assertThat(version.headers().firstValue("X-Netharness-Version")).isPresent();

            serving.interrupt();

            assertThat(exit.get(20, TimeUnit.SECONDS)).as("exit code; errors: %s", err).isZero();
            assertThat(portIsFree(port)).as("API port released").isTrue();
        } finally {
            serving.interrupt();
            serving.join(20_000);
        }
    }

    /** Waits (bounded) for the line that says where the API listens and returns its port. */
    private int apiPort() throws InterruptedException {
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Matcher matcher = listening.matcher(out.toString(StandardCharsets.UTF_8));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serve did not say where it listens; output: " + out + " errors: " + err);
    }

    @Test
    void badFlagIsAUsageError() {
        int code = Main.run(new String[] {"serve", "--latency", "5ms"}, outStream, errStream);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("serve: --latency must follow the --link it shapes\n");
    }

    @Test
    void usageListsServe() {
        Main.run(new String[] {"help"}, outStream, errStream);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("  serve  run the Toxiproxy-compatible server");
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
