package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.toxiproxy.ApiClient.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code serve --strict} ({@link ToxiproxyServer.Builder#strict}): values Toxiproxy stores silently are refused with
 * a 400 that names the field, its value and the valid range; a taken listen address is a 409.
 */
class StrictValidationTest {

    private static final String UPSTREAM = "127.0.0.1:9";

    @RegisterExtension
    static final ServerPerClass SERVER =
            new ServerPerClass(ToxiproxyServer.builder().strict(true).engineFactory(SocketOnlyEngine::new));

    @BeforeAll
    static void createProxy() {
        SERVER.api().post("/proxies",
                "{\"name\":\"strict\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + UPSTREAM + "\"}");
    }

    private static String error(String message) {
        return "{\"error\":\"" + message + "\",\"status\":400}\n";
    }

    @Test
    void attributesOutOfRangeAreRefusedNamingTheRange() {
        String toxics = "/proxies/strict/toxics";

        assertThat(SERVER.api().post(toxics, "{\"type\":\"latency\",\"attributes\":{\"latency\":-5}}").body())
                .isEqualTo(error("bad request body: latency: -5 (expected: >= 0)"));
        assertThat(SERVER.api().post(toxics, "{\"type\":\"latency\",\"toxicity\":1.5}").body())
                .isEqualTo(error("bad request body: toxicity: 1.5 (expected: 0.0-1.0)"));
        assertThat(SERVER.api().post(toxics, "{\"type\":\"bandwidth\",\"attributes\":{\"rate\":-1}}").body())
                .isEqualTo(error("bad request body: rate: -1 (expected: >= 0)"));
        assertThat(SERVER.api().post(toxics,
                "{\"type\":\"slicer\",\"attributes\":{\"average_size\":10,\"size_variation\":10}}").body())
                .isEqualTo(error("bad request body: size_variation: 10 (expected: 0-9, below average_size)"));
        assertThat(SERVER.api().get(toxics).body()).isEqualTo("[]");
    }

    @Test
    void anUpdateOutOfRangeChangesNothing() {
        SERVER.api().post("/proxies/strict/toxics",
                "{\"name\":\"kept\",\"type\":\"latency\",\"attributes\":{\"latency\":10}}");

        Answer update = SERVER.api().call("PATCH", "/proxies/strict/toxics/kept", "{\"toxicity\":-1}", null);

        assertThat(update.body()).isEqualTo(error("bad request body: toxicity: -1 (expected: 0.0-1.0)"));
        assertThat(SERVER.api().get("/proxies/strict/toxics/kept").body()).contains("\"toxicity\":1}");
        SERVER.api().delete("/proxies/strict/toxics/kept");
    }

    @Test
    void addressesAreCheckedWithNetHarnesssMessages() throws IOException {
        assertThat(SERVER.api().post("/proxies",
                "{\"name\":\"bad\",\"listen\":\"nowhere\",\"upstream\":\"" + UPSTREAM + "\"}").body())
                .isEqualTo(error("bad request body: listen: \\\"nowhere\\\" (expected: host:port; missing port)"));
        assertThat(SERVER.api().post("/proxies",
                "{\"name\":\"bad\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"0\"}").body())
                .isEqualTo(error("bad request body: upstream: \\\"0\\\" (expected: host:port; missing port)"));
        assertThat(SERVER.api().call("PATCH", "/proxies/strict", "{\"upstream\":\"0\"}", null).status()).isEqualTo(400);
        assertThat(SERVER.api().get("/proxies/strict").body())
                .contains("\"upstream\":\"" + UPSTREAM + "\"", "\"enabled\":true");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();
            Answer conflict = SERVER.api().post("/proxies",
                    "{\"name\":\"taken\",\"listen\":\"" + listen + "\",\"upstream\":\"" + UPSTREAM + "\"}");
            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.body()).isEqualTo("{\"error\":\"listen tcp " + listen
                    + ": bind: address already in use\",\"status\":409}\n");
        }
    }
}
