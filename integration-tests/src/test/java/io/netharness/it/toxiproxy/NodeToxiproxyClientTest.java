package io.netharness.it.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netharness.core.servers.HarnessServer;
import io.netharness.it.support.Executables;
import io.netharness.it.support.Prerequisites;
import io.netharness.junit.InProcessServer;
import io.netharness.toxiproxy.ToxiproxyServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Toxiproxy client in another language, used unchanged: the npm package toxiproxy-node-client (installed by
 * {@code .ci/node-clients}) drives the NetHarness server through every route it has (version, create, toxics
 * with update and removal, disable, reset, populate, list, errors) while a Node socket measures what the toxics do.
 */
class NodeToxiproxyClientTest {

    private static final String CLIENT_VERSION = "4.1.0";
    private static final long TIMEOUT_SECONDS = 60;

    @InProcessServer
    static HarnessServer echo;

    private static ToxiproxyServer toxiproxy;

    @BeforeAll
    static void startServer() {
        toxiproxy = ToxiproxyServer.builder().build().start();
    }

    @AfterAll
    static void stopServer() {
        toxiproxy.close();
    }

    @Test
    void theNpmClientDrivesEveryRouteAndItsToxicsTakeEffect(@TempDir Path scratch) throws Exception {
        Map<String, JsonElement> steps = drive(scratch);

        assertThat(steps.get("version").getAsString()).contains("2.12.0");
        JsonObject created = steps.get("created").getAsJsonObject();
        assertThat(created.get("name").getAsString()).isEqualTo("node_echo");
        assertThat(created.get("listen").getAsString()).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(created.get("upstream").getAsString()).isEqualTo(upstream());
        assertThat(created.get("enabled").getAsBoolean()).isTrue();

        assertThat(millis(steps, "plain")).as("round trip without toxics, ms").isLessThan(100.0);
        JsonObject toxic = steps.get("toxic").getAsJsonObject();
        assertThat(toxic.get("type").getAsString()).isEqualTo("latency");
        assertThat(toxic.get("stream").getAsString()).isEqualTo("downstream");
        assertThat(toxic.getAsJsonObject("attributes").get("latency").getAsLong()).isEqualTo(100);
        // The fastest of five round trips on a connection (past its set-up): at least the latency, however busy
        // the machine; the upper bound only catches a latency applied twice or in the wrong unit (the ±5 ms figure
        // is ToxicFiguresTest's, over many samples).
        assertThat(millis(steps, "with latency 100")).isBetween(100.0, 190.0);
        assertThat(steps.get("updated").getAsJsonObject().getAsJsonObject("attributes").get("latency").getAsLong())
                .isEqualTo(200);
        assertThat(millis(steps, "with latency 200")).isBetween(200.0, 290.0);
        assertThat(steps.get("fetched toxic")).isEqualTo(steps.get("updated"));
        assertThat(millis(steps, "after removal")).as("the removed toxic's 200 ms are gone").isLessThan(100.0);

        assertThat(steps.get("disabled").getAsJsonObject().get("enabled").getAsBoolean()).isFalse();
        assertThat(steps.get("while disabled").getAsJsonObject().get("error").getAsString()).isEqualTo("ECONNREFUSED");
        assertThat(steps.get("after reset").getAsJsonObject().get("enabled").getAsBoolean()).isTrue();
        assertThat(steps.get("toxic after reset").getAsString()).as("reset removes the toxics")
                .isEqualTo("Request failed with status code 404");

        assertThat(strings(steps, "populated")).containsExactly("node_populated");
        assertThat(strings(steps, "all")).containsExactly("node_echo", "node_populated");
        assertThat(steps.get("duplicate").getAsString()).isEqualTo("Request failed with status code 409");
        assertThat(steps.get("missing").getAsString()).isEqualTo("Request failed with status code 404");
        assertThat(steps.get("unknown toxic type").getAsString()).isEqualTo("Request failed with status code 400");
        assertThat(strings(steps, "left")).as("proxies left on the server").isEmpty();
        assertThat(steps.get("done").getAsBoolean()).isTrue();
    }

    /** Runs the Node script against the server; returns its steps by name, failing on a failed or unfinished run. */
    private static Map<String, JsonElement> drive(Path scratch) throws IOException, InterruptedException,
            URISyntaxException {
        Path node = Executables.find("node").orElseThrow(() -> Prerequisites.missing("node (Node.js 18 or later)",
                "install it with: sudo bash .ci/setup-tools"));
        Path client = clientDirectory();
        Path script = Path.of(NodeToxiproxyClientTest.class.getResource("/toxiproxy-node/drive.cjs").toURI());
        Path errors = scratch.resolve("stderr.txt");
        Process process = new ProcessBuilder(node.toString(), script.toString(), client.toString(),
                "http://127.0.0.1:" + toxiproxy.address().getPort(), upstream())
                .redirectError(errors.toFile())
                .start();
        process.getOutputStream().close();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("node finished within %d s",
                    TIMEOUT_SECONDS).isTrue();
        } finally {
            process.destroyForcibly();
        }
        String diagnostics = "node's output:\n" + output + "\nnode's errors:\n" + Files.readString(errors);
        assertThat(process.exitValue()).as(diagnostics).isZero();
        Map<String, JsonElement> steps = new LinkedHashMap<>();
        output.lines().filter(line -> !line.isBlank()).forEach(line -> {
            JsonObject step = JsonParser.parseString(line).getAsJsonObject();
            steps.put(step.get("step").getAsString(), step.get("value"));
        });
        assertThat(steps).as(diagnostics).containsKey("done");
        return steps;
    }

    private static Path clientDirectory() {
        String configured = System.getenv("NETHARNESS_NODE_CLIENTS");
        Path base = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "netharness", "node-clients");
        Path client = base.resolve("node_modules").resolve("toxiproxy-node-client");
        try {
            if (Files.readString(client.resolve("package.json")).contains("\"version\": \"" + CLIENT_VERSION + "\"")) {
                return client;
            }
        } catch (IOException notInstalled) {
            // reported below
        }
        throw Prerequisites.missing("toxiproxy-node-client " + CLIENT_VERSION + " (npm) in " + base,
                "install it with: bash .ci/node-clients");
    }

    private static String upstream() {
        return "127.0.0.1:" + echo.address().getPort();
    }

    private static double millis(Map<String, JsonElement> steps, String step) {
        JsonObject result = steps.get(step).getAsJsonObject();
        assertThat(result.has("millis")).as("%s: %s", step, result).isTrue();
        return result.get("millis").getAsDouble();
    }

    private static List<String> strings(Map<String, JsonElement> steps, String step) {
        return steps.get(step).getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList();
    }
}
