package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netharness.toxiproxy.ApiClient.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The successful paths of every route, with the JSON shapes Toxiproxy 2.x clients read. */
class HttpApiRoutesTest {

    @RegisterExtension
    static final ServerPerClass SERVER =
            new ServerPerClass(ToxiproxyServer.builder().engineFactory(SocketOnlyEngine::new));

    private static JsonObject json(Answer answer) {
        return JsonParser.parseString(answer.body()).getAsJsonObject();
    }

    @Test
    void versionIsJsonAsInToxiproxy() {
        Answer answer = SERVER.api().get("/version");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"version\": \"2.12.0\"}\n");
        assertThat(answer.header("X-Netharness-Version")).isNotBlank();
        assertThat(answer.header("X-Toxiproxy-Request-Id")).matches("[0-9a-v]{20}");
    }

    @Test
    void createdProxyReportsItsBoundAddressAndExtensions() {
        Answer created = SERVER.api().post("/proxies",
                "{\"name\":\"shown\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"example.invalid:5432\",\"seed\":42}");

        assertThat(created.status()).isEqualTo(201);
        JsonObject proxy = json(created);
        assertThat(proxy.get("name").getAsString()).isEqualTo("shown");
        assertThat(proxy.get("listen").getAsString()).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(proxy.get("upstream").getAsString()).isEqualTo("example.invalid:5432");
        assertThat(proxy.get("enabled").getAsBoolean()).isTrue();
        assertThat(proxy.get("toxics").getAsJsonArray()).isEmpty();
        assertThat(proxy.get("protocol").getAsString()).isEqualTo("tcp");
        assertThat(proxy.get("seed").getAsLong()).isEqualTo(42);
        assertThat(proxy.get("seed_string").getAsString()).as("for JavaScript, whose numbers are doubles").isEqualTo("42");
        assertThat(json(SERVER.api().get("/proxies")).getAsJsonObject("shown")).isEqualTo(proxy);
    }

    @Test
    void toxicDefaultsFollowToxiproxy() {
        SERVER.api().post("/proxies", "{\"name\":\"defaults\",\"upstream\":\"127.0.0.1:9\"}");

        Answer created = SERVER.api().post("/proxies/defaults/toxics",
                "{\"type\":\"latency\",\"attributes\":{\"latency\":100}}");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).isEqualTo("{\"attributes\":{\"latency\":100,\"jitter\":0},"
                + "\"name\":\"latency_downstream\",\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1}");
    }

    @Test
    void toxicUpdateMergesAttributesAndKeepsTheRest() {
        SERVER.api().post("/proxies", "{\"name\":\"updated\",\"upstream\":\"127.0.0.1:9\"}");
        SERVER.api().post("/proxies/updated/toxics", "{\"name\":\"lag\",\"type\":\"latency\",\"stream\":\"upstream\","
                + "\"attributes\":{\"latency\":100,\"jitter\":10}}");

        Answer updated = SERVER.api().call("PATCH", "/proxies/updated/toxics/lag",
                "{\"attributes\":{\"latency\":1000},\"toxicity\":0.5}", null);

        assertThat(updated.body()).isEqualTo("{\"attributes\":{\"latency\":1000,\"jitter\":10},\"name\":\"lag\","
                + "\"type\":\"latency\",\"stream\":\"upstream\",\"toxicity\":0.5}");
        assertThat(SERVER.api().get("/proxies/updated/toxics/lag").body()).isEqualTo(updated.body());
        assertThat(JsonParser.parseString(SERVER.api().get("/proxies/updated/toxics").body()).getAsJsonArray())
                .hasSize(1);
    }

    @Test
    void toxicsAreListedUpstreamFirst() {
        SERVER.api().post("/proxies", "{\"name\":\"ordered\",\"upstream\":\"127.0.0.1:9\"}");
        SERVER.api().post("/proxies/ordered/toxics", "{\"type\":\"latency\"}");
        SERVER.api().post("/proxies/ordered/toxics", "{\"type\":\"bandwidth\",\"stream\":\"upstream\"}");

        JsonArray toxics = json(SERVER.api().get("/proxies/ordered")).getAsJsonArray("toxics");

        assertThat(toxics.get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("bandwidth_upstream");
        assertThat(toxics.get(1).getAsJsonObject().get("name").getAsString()).isEqualTo("latency_downstream");
    }

    @Test
    void disableReleasesThePortAndEnableTakesItAgain() throws IOException {
        JsonObject proxy = json(SERVER.api().post("/proxies", "{\"name\":\"toggled\",\"upstream\":\"127.0.0.1:9\"}"));
        String listen = proxy.get("listen").getAsString();
        int port = Integer.parseInt(listen.substring(listen.indexOf(':') + 1));

        JsonObject disabled = json(SERVER.api().post("/proxies/toggled", "{\"enabled\":false}"));
        assertThat(disabled.get("enabled").getAsBoolean()).isFalse();
        assertThat(disabled.get("listen").getAsString()).isEqualTo(listen);
        assertThat(portIsFree(port)).isTrue();

        JsonObject enabled = json(SERVER.api().post("/proxies/toggled", "{\"enabled\":true}"));
        assertThat(enabled.get("enabled").getAsBoolean()).isTrue();
        assertThat(enabled.get("listen").getAsString()).isEqualTo(listen);
        assertThat(portIsFree(port)).isFalse();
    }

    @Test
    void anUpdateRestartsTheProxyOnlyWhenItsResolvedListenAddressOrItsUpstreamChanges() {
        JsonObject proxy = json(SERVER.api().post("/proxies", "{\"name\":\"moved\",\"upstream\":\"127.0.0.1:9\"}"));
        String listen = proxy.get("listen").getAsString();
        SERVER.api().post("/proxies/moved/toxics", "{\"type\":\"latency\"}");

        JsonObject same = json(SERVER.api().call("PATCH", "/proxies/moved",
                "{\"listen\":\"localhost:" + listen.substring(listen.indexOf(':') + 1) + "\"}", null));
        assertThat(same.get("listen").getAsString()).as("localhost resolves to the bound address").isEqualTo(listen);

        JsonObject moved = json(SERVER.api().call("PATCH", "/proxies/moved", "{\"listen\":\"127.0.0.1:0\"}", null));
        assertThat(moved.get("listen").getAsString()).as("port 0 differs from the bound port: a new port")
                .matches("127\\.0\\.0\\.1:[1-9][0-9]*").isNotEqualTo(listen);
        assertThat(moved.get("enabled").getAsBoolean()).isTrue();
        assertThat(moved.getAsJsonArray("toxics")).as("the proxy keeps its toxics").hasSize(1);

        Answer bad = SERVER.api().call("PATCH", "/proxies/moved", "{\"listen\":\"127.0.0.1\"}", null);
        assertThat(bad.status()).isEqualTo(500);
        assertThat(bad.body()).isEqualTo("{\"error\":\"address 127.0.0.1: missing port in address\",\"status\":500}\n");
    }

    @Test
    void deleteFreesThePort() throws IOException {
        JsonObject proxy = json(SERVER.api().post("/proxies", "{\"name\":\"deleted\",\"upstream\":\"127.0.0.1:9\"}"));
        String listen = proxy.get("listen").getAsString();
        int port = Integer.parseInt(listen.substring(listen.indexOf(':') + 1));

        Answer deleted = SERVER.api().delete("/proxies/deleted");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(portIsFree(port)).isTrue();
    }

    @Test
    void resetEnablesEveryProxyAndRemovesEveryToxic() {
        SERVER.api().post("/proxies", "{\"name\":\"reset-me\",\"upstream\":\"127.0.0.1:9\",\"enabled\":false}");
        SERVER.api().post("/proxies/reset-me/toxics", "{\"type\":\"timeout\"}");

        assertThat(SERVER.api().post("/reset", null).status()).isEqualTo(204);

        JsonObject proxy = json(SERVER.api().get("/proxies/reset-me"));
        assertThat(proxy.get("enabled").getAsBoolean()).isTrue();
        assertThat(proxy.getAsJsonArray("toxics")).isEmpty();
    }

    @Test
    void populateCreatesAndKeepsUnchangedProxies() {
        String batch = "[{\"name\":\"pop-a\",\"upstream\":\"127.0.0.1:9\"},"
                + "{\"name\":\"pop-b\",\"upstream\":\"127.0.0.1:9\",\"enabled\":false}]";

        Answer first = SERVER.api().post("/populate", batch);

        assertThat(first.status()).isEqualTo(201);
        JsonArray proxies = json(first).getAsJsonArray("proxies");
        assertThat(proxies).hasSize(2);
        assertThat(proxies.get(1).getAsJsonObject().get("enabled").getAsBoolean()).isFalse();

        Answer invalid = SERVER.api().post("/populate", "[{\"name\":\"pop-c\"}]");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).isEqualTo("{\"error\":\"missing required field: upstream at proxy 1\","
                + "\"status\":400,\"proxies\":null}");
    }

    @Test
    void udpProxyTakesPacketToxics() {
        JsonObject proxy = json(SERVER.api().post("/proxies",
                "{\"name\":\"udp\",\"upstream\":\"127.0.0.1:9\",\"protocol\":\"udp\",\"seed\":7}"));
        assertThat(proxy.get("protocol").getAsString()).isEqualTo("udp");

        Answer loss = SERVER.api().post("/proxies/udp/toxics",
                "{\"type\":\"gilbert_elliott\",\"attributes\":{\"p\":0.01,\"r\":0.25}}");

        assertThat(loss.body()).isEqualTo("{\"attributes\":{\"p\":0.01,\"r\":0.25,\"loss_in_good\":0.0,"
                + "\"loss_in_bad\":1.0},\"name\":\"gilbert_elliott_downstream\",\"type\":\"gilbert_elliott\","
                + "\"stream\":\"downstream\",\"toxicity\":1}");
        assertThat(SERVER.api().post("/proxies/udp/toxics", "{\"type\":\"reset_peer\"}").body())
                .isEqualTo("{\"error\":\"invalid toxic type: reset_peer does not apply to udp proxies\","
                        + "\"status\":400}\n");
        assertThat(SERVER.api().post("/proxies/udp/toxics", "{\"type\":\"loss\",\"toxicity\":0.5}").status())
                .isEqualTo(400);
    }

    @Test
    void fourStateToxicTakesNetemsFiveProbabilitiesWithDefaultsAndRefusesStatesLeftWithMoreThanOne() {
        SERVER.api().post("/proxies",
                "{\"name\":\"udp4\",\"upstream\":\"127.0.0.1:9\",\"protocol\":\"udp\",\"seed\":7}");

        Answer fourState = SERVER.api().post("/proxies/udp4/toxics",
                "{\"type\":\"four_state\",\"stream\":\"upstream\",\"attributes\":{\"p13\":0.01,\"p14\":0.005}}");

        assertThat(fourState.body()).isEqualTo("{\"attributes\":{\"p13\":0.01,\"p31\":1.0,\"p32\":0.0,\"p23\":1.0,"
                + "\"p14\":0.005},\"name\":\"four_state_upstream\",\"type\":\"four_state\",\"stream\":\"upstream\","
                + "\"toxicity\":1}");
        assertThat(SERVER.api().post("/proxies/udp4/toxics",
                "{\"type\":\"four_state\",\"attributes\":{\"p31\":0.7,\"p32\":0.5}}").body())
                .isEqualTo("{\"error\":\"bad request body: p31 + p32: 1.2 (expected: <= 1.0)\",\"status\":400}\n");
        assertThat(SERVER.api().post("/proxies/tcp-only-four/toxics", "{\"type\":\"four_state\"}").status())
                .isEqualTo(404);
    }

    static boolean portIsFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
