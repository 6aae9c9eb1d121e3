package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netharness.toxiproxy.internal.cli.ServeOptions;
import io.netharness.toxiproxy.internal.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a drop-in for Toxiproxy's server: its flags in Go's forms, {@code -config} populated at start,
 * {@code -seed}, {@code -version}, and failures reported in one line that names what failed.
 */
class ToxiproxyFlagsTest {

    @TempDir
    Path dir;

    @Test
    void toxiproxysFlagsAreReadInGosForms() {
        ServeOptions options = ServeOptions.parse("-host=0.0.0.0", "-port", "0", "-config=/tmp/x.json", "-seed", "5",
                "-proxy-metrics", "--runtime-metrics=false", "--strict");

        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.port()).isZero();
        assertThat(options.config()).isEqualTo("/tmp/x.json");
        assertThat(options.seed()).isEqualTo(5L);
        assertThat(options.proxyMetrics()).isTrue();
        assertThat(options.runtimeMetrics()).isFalse();
        assertThat(options.strict()).isTrue();
        assertThatThrownBy(() -> ServeOptions.parse("-proxy-metrics=maybe")).isInstanceOf(UsageException.class)
                .hasMessage("--proxy-metrics: maybe (expected: true or false)");
        assertThatThrownBy(() -> ServeOptions.parse("-nope")).hasMessage("unknown flag: -nope (see --help)");
        assertThatThrownBy(() -> ServeOptions.parse("stray")).hasMessage("unexpected argument: stray (expected a "
                + "flag; see --help)");
    }

    @Test
    void versionPrintsToxiproxysVersionAndNetHarnesss() {
        Output output = new Output();

        assertThat(ServerCommandLine.run(new String[] {"-version"}, output.stream, output.stream)).isZero();

        assertThat(output.text()).matches("toxiproxy-server version 2\\.12\\.0 \\(NetHarness \\S+\\)\\n");
    }

    @Test
    void configCreatesItsProxiesAtStartWithSeedsDerivedFromTheServerSeed() throws Exception {
        Path config = dir.resolve("toxiproxy.json");
        Files.writeString(config, "[{\"name\":\"db\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"},"
                + "{\"name\":\"cache\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\",\"enabled\":false}]");
        long[] seeds = new long[2];
        for (int run = 0; run < 2; run++) {
            Output output = new Output();
            try (ServerCommandLine.Running running = ServerCommandLine.start(new String[] {"-port=0", "-config", config.toString(),
                    "-seed", "42", "--stats-interval", "0"}, output.stream)) {
                ApiClient api = api(running);
                JsonObject db = JsonParser.parseString(api.get("/proxies/db").body()).getAsJsonObject();
                assertThat(db.get("enabled").getAsBoolean()).isTrue();
                assertThat(JsonParser.parseString(api.get("/proxies/cache").body()).getAsJsonObject()
                        .get("enabled").getAsBoolean()).isFalse();
                seeds[run] = db.get("seed").getAsLong();
            }
            assertThat(output.text()).contains("populated 2 proxies from " + config);
        }
        assertThat(seeds[1]).as("the same server seed gives a proxy the same seed").isEqualTo(seeds[0]);
    }

    @Test
    void aConfigThatCannotBeReadIsOneLineAndTheServerRunsOnAsToxiproxys() throws Exception {
        Path missing = dir.resolve("missing.json");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"not\":\"an array\"}");
        for (Path config : new Path[] {missing, broken}) {
            Output output = new Output();
            Output errors = new Output();
            try (ServerCommandLine.Running running = ServerCommandLine.start(new String[] {"--port", "0", "--config",
                    config.toString(), "--stats-interval", "0"}, output.stream, errors.stream)) {
                assertThat(api(running).get("/proxies").body()).isEqualTo("{}");
            }
            assertThat(errors.text()).startsWith("serve: --config " + config + ": ").endsWith("\n")
                    .doesNotContain("\tat ").hasLineCount(1);
        }
    }

    @Test
    void anApiPortInUseIsOneLineNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Output output = new Output();
            Output errors = new Output();

            int code = ServerCommandLine.run(new String[] {"-port", Integer.toString(taken.getLocalPort())}, output.stream,
                    errors.stream);

            assertThat(code).isEqualTo(ServerCommandLine.USAGE_ERROR);
            assertThat(errors.text()).isEqualTo("serve: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": address already in use\n");
        }
    }

    private static ApiClient api(ServerCommandLine.Running running) {
        InetSocketAddress address = running.apiAddress().orElseThrow();
        return new ApiClient(URI.create("http://127.0.0.1:" + address.getPort()));
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
