package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netharness.toxiproxy.ApiClient.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The extension {@code toxics} of {@code POST /proxies} and {@code /populate}: a proxy created with its toxics never
 * accepts a connection without them, a bad toxic refuses the whole proxy (400 naming it, nothing listening), and a
 * body without the field is answered exactly as before.
 */
class CreateWithToxicsTest extends ServerPerTestFixture {

    private String proxy(String name, String listen, String toxics) {
        return "{\"name\":\"" + name + "\",\"listen\":\"" + listen + "\",\"upstream\":\"" + echo.hostPort() + "\""
                + (toxics == null ? "" : ",\"toxics\":" + toxics) + "}";
    }

    private static JsonObject json(Answer answer) {
        return JsonParser.parseString(answer.body()).getAsJsonObject();
    }

    private static Socket connect(String hostPort) throws IOException {
        return RoundTrips.connect(hostPort);
    }

    private static String readToEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void theToxicsActOnTheFirstConnectionsFirstBytes() throws IOException {
        Answer created = api.post("/proxies", proxy("db", "127.0.0.1:0",
                "[{\"type\":\"limit_data\",\"attributes\":{\"bytes\":3}}]"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonArray toxics = json(created).getAsJsonArray("toxics");
        assertThat(toxics).hasSize(1);
        assertThat(toxics.get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("limit_data_downstream");
        try (Socket client = connect(json(created).get("listen").getAsString())) {
            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(readToEnd(client)).isEqualTo("hel");
        }
    }

    @Test
    void aBodyWithoutToxicsIsAnsweredAsBefore() {
        JsonObject plain = json(api.post("/proxies", proxy("a", "127.0.0.1:0", null)));
        JsonObject empty = json(api.post("/proxies", proxy("b", "127.0.0.1:0", "[]")));

        assertThat(plain.keySet()).containsExactly("name", "listen", "upstream", "enabled", "toxics", "protocol",
                "seed", "seed_string");
        assertThat(empty.keySet()).isEqualTo(plain.keySet());
        assertThat(plain.getAsJsonArray("toxics")).isEmpty();
        assertThat(empty.getAsJsonArray("toxics")).isEmpty();
    }

    @Test
    void anInvalidToxicRefusesTheWholeProxyAndNothingListens() throws IOException {
        int port = freePort();
        Answer refused = api.post("/proxies", proxy("db", "127.0.0.1:" + port,
                "[{\"type\":\"latency\",\"attributes\":{\"latency\":10}},"
                        + "{\"type\":\"reset\",\"trigger\":{\"after\":-5}}]"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(json(refused).get("error").getAsString()).isEqualTo(
                "bad request body: toxics[1]: trigger.after: -5 (expected: a whole number >= 0)");
        assertThat(api.get("/proxies/db").status()).isEqualTo(404);
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void everyKindOfMistakeInTheToxicsIsA400NamingTheToxic() {
        assertThat(error(proxy("a", "127.0.0.1:0", "{}"))).isEqualTo("bad request body: toxics: an object"
                + " (expected: an array of toxics, as POST /proxies/{proxy}/toxics takes each)");
        assertThat(error(proxy("a", "127.0.0.1:0", "[3]"))).startsWith("bad request body: toxics[0]: 3 (expected:"
                + " a toxic object");
        assertThat(error(proxy("a", "127.0.0.1:0", "[{\"type\":\"nope\"}]")))
                .isEqualTo("bad request body: toxics[0]: invalid toxic type");
        assertThat(error(proxy("a", "127.0.0.1:0", "[{\"type\":\"latency\"},{\"type\":\"latency\"}]")))
                .isEqualTo("bad request body: toxics[1]: toxic already exists");
        assertThat(error(proxy("a", "127.0.0.1:0", "[{\"type\":\"latency\",\"stream\":\"sideways\"}]")))
                .isEqualTo("bad request body: toxics[0]: stream was invalid, can be either upstream or downstream");
        assertThat(error(proxy("a", "127.0.0.1:0", "[{\"type\":\"latency\",\"attributes\":{\"latency\":\"x\"}}]")))
                .isEqualTo("bad request body: toxics[0]: json: cannot unmarshal string into Go struct field"
                        + " LatencyToxic.attributes.latency of type int64");
        assertThat(api.get("/proxies").body()).isEqualTo("{}");
    }

    private String error(String body) {
        Answer answer = api.post("/proxies", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        return json(answer).get("error").getAsString();
    }

    @Test
    void populateTakesToxicsPerEntryAndChecksTheWholeBatchFirst() throws IOException {
        Answer refused = api.post("/populate", "[" + proxy("a", "127.0.0.1:0", null) + ","
                + proxy("b", "127.0.0.1:0", "[{\"type\":\"hang\",\"trigger\":{\"every\":100}}]") + "]");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(json(refused).get("error").getAsString()).startsWith("bad request body: toxics[0] at proxy 2: ");
        assertThat(api.get("/proxies").body()).as("nothing created").isEqualTo("{}");

        Answer populated = api.post("/populate", "[" + proxy("a", "127.0.0.1:0",
                "[{\"type\":\"limit_data\",\"attributes\":{\"bytes\":2}}]") + "]");
        assertThat(populated.status()).as(populated.body()).isEqualTo(201);
        String listen = json(api.get("/proxies/a")).get("listen").getAsString();
        try (Socket client = connect(listen)) {
            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(readToEnd(client)).isEqualTo("he");
        }

        // An entry that keeps the proxy (same listen address and upstream) replaces its toxics by the entry's.
        Answer again = api.post("/populate", "[" + proxy("a", listen,
                "[{\"type\":\"limit_data\",\"attributes\":{\"bytes\":4}}]") + "]");
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(json(api.get("/proxies/a")).get("listen").getAsString()).isEqualTo(listen);
        try (Socket client = connect(listen)) {
            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(readToEnd(client)).isEqualTo("hell");
        }
    }

    @Test
    void populateReplacesAProxyWhoseRefusalOptionChanged() {
        String listen = json(api.post("/proxies", proxy("a", "127.0.0.1:0", null))).get("listen").getAsString();

        Answer populated = api.post("/populate", "[{\"name\":\"a\",\"listen\":\"" + listen + "\",\"upstream\":\""
                + echo.hostPort() + "\",\"refuse_while_upstream_refuses\":true}]");

        assertThat(populated.status()).as(populated.body()).isEqualTo(201);
        assertThat(json(api.get("/proxies/a")).get("refuse_while_upstream_refuses").getAsBoolean()).isTrue();
        assertThat(error("{\"name\":\"u\",\"upstream\":\"127.0.0.1:9\",\"protocol\":\"udp\","
                + "\"refuse_while_upstream_refuses\":true}")).isEqualTo("bad request body:"
                + " refuse_while_upstream_refuses: true (expected: false on udp proxies; a datagram upstream refuses"
                + " nothing)");
    }

    @Test
    void aProxyCreatedDisabledKeepsItsToxicsForWhenItIsEnabled() throws IOException {
        Answer created = api.post("/proxies", "{\"name\":\"db\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                + echo.hostPort() + "\",\"enabled\":false,\"toxics\":[{\"type\":\"limit_data\","
                + "\"attributes\":{\"bytes\":1}}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonObject enabled = json(api.post("/proxies/db", "{\"enabled\":true}"));
        try (Socket client = connect(enabled.get("listen").getAsString())) {
            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(readToEnd(client)).isEqualTo("h");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
