package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netharness.toxiproxy.internal.ProxyProtocol;
import io.netharness.toxiproxy.internal.cli.LinkFlag;
import io.netharness.toxiproxy.internal.cli.ServeOptions;
import io.netharness.toxiproxy.internal.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code serve} command in-process: flags parsed, server started, queried through its API, stopped. */
class ServeCommandTest {

    @RegisterExtension
    static final EchoPerClass ECHO = new EchoPerClass();

    @Test
    void defaultsAreToxiproxysPortOnLoopback() {
        ServeOptions options = ServeOptions.parse();

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(8474);
        assertThat(options.api()).isTrue();
        assertThat(options.statsInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.links()).isEmpty();
    }

    @Test
    void profileFlagsBecomeToxicsOfTheLinkBeforeThem() {
        ServeOptions options = ServeOptions.parse("--host", "0.0.0.0", "--port", "0",
                "--link", "db=127.0.0.1:0->127.0.0.1:5432", "--latency", "down:20ms", "--jitter", "down:5ms",
                "--bandwidth", "2MB/s", "--seed", "42",
                "--link", "dns=127.0.0.1:0->127.0.0.1:53", "--udp", "--loss", "up:2%");

        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.links()).hasSize(2);
        LinkFlag db = options.links().get(0);
        assertThat(db.proxyConfig().seed()).isEqualTo(42L);
        assertThat(db.toxicBodies()).containsExactly(
                "{\"name\":\"latency_downstream\",\"type\":\"latency\",\"stream\":\"downstream\","
                        + "\"attributes\":{\"latency\":20,\"jitter\":5}}",
                "{\"name\":\"bandwidth_upstream\",\"type\":\"bandwidth\",\"stream\":\"upstream\","
                        + "\"attributes\":{\"rate\":2000}}",
                "{\"name\":\"bandwidth_downstream\",\"type\":\"bandwidth\",\"stream\":\"downstream\","
                        + "\"attributes\":{\"rate\":2000}}");
        LinkFlag dns = options.links().get(1);
        assertThat(dns.proxyConfig().protocol()).isEqualTo(ProxyProtocol.UDP);
        assertThat(dns.toxicBodies()).containsExactly("{\"name\":\"loss_upstream\",\"type\":\"loss\","
                + "\"stream\":\"upstream\",\"attributes\":{\"probability\":0.02}}");
    }

    @Test
    void badCommandLinesNameTheFlagAndTheExpectedValue() {
        assertThatThrownBy(() -> ServeOptions.parse("--latency", "20ms"))
                .isInstanceOf(UsageException.class).hasMessage("--latency must follow the --link it shapes");
        assertThatThrownBy(() -> ServeOptions.parse("--link", "db=127.0.0.1:0->x:1", "--latency", "soon"))
                .hasMessage("--latency: soon (expected: a duration such as 20ms, 1.5s or 250us)");
        assertThatThrownBy(() -> ServeOptions.parse("--link", "db:5432"))
                .hasMessage("--link: db:5432 (expected: NAME=LISTEN->UPSTREAM, e.g. db=127.0.0.1:0->127.0.0.1:5432; "
                        + "quote it, a shell reads > as a redirection)");
        assertThatThrownBy(() -> ServeOptions.parse("--port", "70000"))
                .hasMessage("--port: 70000 (expected: 0-65535)");
        assertThatThrownBy(() -> ServeOptions.parse("--link", "a=127.0.0.1:0->x:1", "--loss", "1.5"))
                .hasMessage("--loss: 1.5 (expected: 0.0-1.0 or 0%-100%)");
        assertThatThrownBy(() -> ServeOptions.parse("--verbose")).hasMessage("unknown flag: --verbose (see --help)");
        assertThatThrownBy(() -> ServeOptions.parse("--no-api"))
                .hasMessage("--no-api needs at least one --link (nothing would run)");
        assertThatThrownBy(() -> ServeOptions.parse("--port")).hasMessage("--port needs a value (see --help)");
    }

    @Test
    void startsAnsweresVersionPrintsStatisticsAndStops() throws Exception {
        Output output = new Output();
        int apiPort;
        try (ServerCommandLine.Running running = ServerCommandLine.start(new String[] {"--port", "0",
                "--link", "echo=127.0.0.1:0->" + ECHO.get().hostPort(), "--latency", "down:50ms", "--seed", "7",
                "--stats-interval", "100ms"}, output.stream)) {
            InetSocketAddress api = running.apiAddress().orElseThrow();
            apiPort = api.getPort();
            assertThat(api.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            ApiClient client = new ApiClient(java.net.URI.create("http://127.0.0.1:" + apiPort));
            assertThat(client.get("/version").body()).contains("\"2.12.0\"");
            JsonObject proxy = JsonParser.parseString(client.get("/proxies/echo").body()).getAsJsonObject();
            assertThat(proxy.get("seed").getAsLong()).isEqualTo(7);
            assertThat(proxy.getAsJsonArray("toxics").get(0).getAsJsonObject().get("type").getAsString())
                    .isEqualTo("latency");
            String link = running.linkAddress("echo").orElseThrow();

            assertThat(RoundTrips.medianMillis(link, 3)).isGreaterThanOrEqualTo(49);
            Wait.until("a statistics line with traffic", Duration.ofSeconds(10),
                    () -> output.text().matches("(?s).*\\[stats] echo: up [1-9].*"));
        }

        assertThat(output.text()).contains("listening on http://127.0.0.1:" + apiPort)
                .containsPattern("link echo: 127\\.0\\.0\\.1:\\d+ -> " + ECHO.get().hostPort()
                        + " \\(tcp, seed 7, 1 toxics\\)");
        assertThat(portIsFree(apiPort)).as("API port released").isTrue();
    }

    @Test
    void linksRunWithoutTheApi() throws Exception {
        Output output = new Output();
        try (ServerCommandLine.Running running = ServerCommandLine.start(new String[] {"--no-api", "--stats-interval", "0",
                "--link", "plain=127.0.0.1:0->" + ECHO.get().hostPort()}, output.stream)) {
            assertThat(running.apiAddress()).isEmpty();
            assertThat(RoundTrips.echoes(running.linkAddress("plain").orElseThrow())).isTrue();
        }
        assertThat(output.text()).doesNotContain("listening on").contains("link plain: ");
    }

    @Test
    void linkAddressInUseIsAUsageErrorAndNothingStaysUp() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();
            Output output = new Output();
            Output errors = new Output();

            int code = ServerCommandLine.run(
                    new String[] {"--port", "0", "--link", "x=" + listen + "->" + ECHO.get().hostPort()},
                    output.stream, errors.stream);

            assertThat(code).isEqualTo(ServerCommandLine.USAGE_ERROR);
            assertThat(errors.text()).isEqualTo("serve: --link x: listen tcp " + listen
                    + ": bind: address already in use\n");
        }
    }

    @Test
    void helpPrintsTheFlags() {
        Output output = new Output();

        assertThat(ServerCommandLine.run(new String[] {"--help"}, output.stream, output.stream)).isZero();

        assertThat(output.text()).contains("--link NAME=LISTEN->UPSTREAM", "--port PORT", "default 127.0.0.1");
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Collects what the command prints, from any thread. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
