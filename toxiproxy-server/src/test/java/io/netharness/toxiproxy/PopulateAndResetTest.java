package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netharness.toxiproxy.ApiClient.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /populate} and {@code POST /reset} as Toxiproxy runs them (a proxy is kept when its listen address,
 * resolved, and upstream are the same), with the hardening that {@code reset} goes on past a proxy that cannot start.
 */
class PopulateAndResetTest {

    private static final String UPSTREAM = "127.0.0.1:9";

    private ToxiproxyServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        server = ToxiproxyServer.builder().engineFactory(SocketOnlyEngine::new).build().start();
        api = new ApiClient(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String proxy(String name, String listen) {
        return "{\"name\":\"" + name + "\",\"listen\":\"" + listen + "\",\"upstream\":\"" + UPSTREAM + "\"}";
    }

    @Test
    void aProxyWhoseListenAddressResolvesTheSameIsKeptWithItsToxics() throws IOException {
        int port = freePortBelowEphemeralRange();
        api.post("/proxies", proxy("db", "127.0.0.1:" + port));
        api.post("/proxies/db/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":10}}");

        Answer populated = api.post("/populate", "[" + proxy("db", "localhost:" + port) + "]");

        assertThat(populated.status()).isEqualTo(201);
        assertThat(api.get("/proxies/db/toxics").body()).contains("latency_downstream");
        assertThat(json(api.get("/proxies/db")).get("listen").getAsString()).isEqualTo("127.0.0.1:" + port);
    }

    @Test
    void aProxyThatMovesIsReplacedAndALaterEntryOfTheSameNameReplacesAnEarlierOne() {
        api.post("/proxies", proxy("db", "127.0.0.1:0"));
        api.post("/proxies/db/toxics", "{\"type\":\"latency\"}");

        Answer populated = api.post("/populate", "[" + proxy("db", "127.0.0.1:0") + "," + proxy("db", "127.0.0.1:0")
                + "]");

        assertThat(populated.status()).isEqualTo(201);
        JsonObject body = json(populated);
        assertThat(body.getAsJsonArray("proxies")).hasSize(2);
        assertThat(body.getAsJsonArray("proxies").get(0).getAsJsonObject().get("enabled").getAsBoolean())
                .as("the first entry, replaced by the second").isFalse();
        assertThat(api.get("/proxies/db/toxics").body()).isEqualTo("[]");
        assertThat(json(api.get("/proxies/db")).get("enabled").getAsBoolean()).isTrue();
    }

    @Test
    void anEmptyBatchAnswersNullProxiesAsGoDoes() {
        Answer populated = api.post("/populate", "[]");

        assertThat(populated.status()).isEqualTo(201);
        assertThat(populated.body()).isEqualTo("{\"proxies\":null}");
        assertThat(api.post("/populate", "{}").body()).isEqualTo("{\"error\":\"bad request body: json: cannot unmarshal "
                + "object into Go value of type []struct { toxiproxy.Proxy; Enabled *bool \\\"json:\\\\\\\"enabled\\\\\\\"\\\" }\","
                + "\"status\":400,\"proxies\":null}");
    }

    @Test
    void resetGoesOnPastAProxyThatCannotStartAndReportsIt() throws IOException {
        // c-last listens below the ephemeral range, so no other socket on the machine takes its port while it is
        // disabled; b-blocked's port is taken on purpose.
        api.post("/proxies", proxy("a-first", "127.0.0.1:0"));
        api.post("/proxies", proxy("b-blocked", "127.0.0.1:0"));
        api.post("/proxies", proxy("c-last", "127.0.0.1:" + freePortBelowEphemeralRange()));
        String blocked = json(api.get("/proxies/b-blocked")).get("listen").getAsString();
        for (String name : new String[] {"a-first", "b-blocked", "c-last"}) {
            api.post("/proxies/" + name + "/toxics", "{\"type\":\"latency\"}");
        }
        api.post("/proxies/b-blocked", "{\"enabled\":false}");
        api.post("/proxies/c-last", "{\"enabled\":false}");
        try (ServerSocket squatter = new ServerSocket(Integer.parseInt(blocked.substring(blocked.indexOf(':') + 1)),
                1, InetAddress.getLoopbackAddress())) {
            Answer reset = api.post("/reset", "");

            assertThat(reset.status()).isEqualTo(500);
            assertThat(reset.body()).isEqualTo("{\"error\":\"listen tcp " + blocked
                    + ": bind: address already in use\",\"status\":500}\n");
        }
        assertThat(json(api.get("/proxies/c-last")).get("enabled").getAsBoolean()).as("after the failure").isTrue();
        for (String name : new String[] {"a-first", "b-blocked", "c-last"}) {
            assertThat(api.get("/proxies/" + name + "/toxics").body()).as(name).isEqualTo("[]");
        }
    }

    /**
     * A free loopback port in 20000-32000, below Linux's ephemeral range (32768 and up), from a random start: other
     * tests of this JVM pick such ports too (ServerRobustnessTest from the process id), and must not get the same.
     */
    private static int freePortBelowEphemeralRange() {
        int start = java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
        for (int i = 0; i < 2_000; i++) {
            int port = 20_000 + (start + i * 7) % 12_000;
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free port found between 20000 and 32000");
    }

    private static JsonObject json(Answer answer) {
        return JsonParser.parseString(answer.body()).getAsJsonObject();
    }
}
