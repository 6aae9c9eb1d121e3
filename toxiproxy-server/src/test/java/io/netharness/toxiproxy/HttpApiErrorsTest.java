package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.toxiproxy.ApiClient.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Status codes and exact error bodies of the HTTP API, as Toxiproxy 2.x answers them. */
class HttpApiErrorsTest {

    private static final String UPSTREAM = "127.0.0.1:9";

    private static ToxiproxyServer server;
    private static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = ToxiproxyServer.builder().engineFactory(SocketOnlyEngine::new).build().start();
        api = new ApiClient(server.uri());
    }

    @AfterAll
    static void closeServer() {
        server.close();
    }

    private static Answer createProxy(String name) {
        return api.post("/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                + UPSTREAM + "\"}");
    }

    @Test
    void duplicateProxyNameIsConflictWithToxiproxysBody() {
        assertThat(createProxy("dup").status()).isEqualTo(201);

        Answer second = createProxy("dup");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body()).isEqualTo("{\"error\":\"proxy already exists\",\"status\":409}\n");
        // Go's http.Error, which Toxiproxy writes errors with, replaces Toxiproxy's application/json.
        assertThat(second.contentType()).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void missingNameAndUpstreamAreNamed() {
        assertThat(api.post("/proxies", "{\"upstream\":\"" + UPSTREAM + "\"}").body())
                .isEqualTo("{\"error\":\"missing required field: name\",\"status\":400}\n");
        assertThat(api.post("/proxies", "{\"name\":\"x\"}").body())
                .isEqualTo("{\"error\":\"missing required field: upstream\",\"status\":400}\n");
    }

    @Test
    void malformedJsonIsBadRequestBody() {
        Answer answer = api.post("/proxies", "{\"name\": \"broken\",");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).startsWith("{\"error\":\"bad request body: ").endsWith(",\"status\":400}\n");
        assertThat(api.post("/proxies", "").body())
                .isEqualTo("{\"error\":\"bad request body: EOF\",\"status\":400}\n");
        assertThat(api.post("/proxies", "[1,2]").body()).isEqualTo(
                "{\"error\":\"bad request body: expected a JSON object (was an array)\",\"status\":400}\n");
    }

    @Test
    void unknownProxyIsNotFound() {
        Answer answer = api.get("/proxies/nope");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"error\":\"proxy not found\",\"status\":404}\n");
        assertThat(api.delete("/proxies/nope").status()).isEqualTo(404);
        assertThat(api.post("/proxies/nope/toxics", "{\"type\":\"latency\"}").status()).isEqualTo(404);
    }

    @Test
    void toxicErrorsUseToxiproxysMessages() {
        createProxy("toxic-errors");
        String toxics = "/proxies/toxic-errors/toxics";

        assertThat(api.post(toxics, "{\"type\":\"earthquake\"}").body())
                .isEqualTo("{\"error\":\"invalid toxic type\",\"status\":400}\n");
        assertThat(api.post(toxics, "{\"type\":\"latency\",\"stream\":\"sideways\"}").body()).isEqualTo(
                "{\"error\":\"stream was invalid, can be either upstream or downstream\",\"status\":400}\n");
        assertThat(api.post(toxics, "{\"type\":\"latency\",\"attributes\":{\"latency\":-5}}").body())
                .isEqualTo("{\"error\":\"bad request body: latency: -5 (expected: >= 0)\",\"status\":400}\n");
        assertThat(api.post(toxics, "{\"type\":\"latency\",\"toxicity\":1.5}").body())
                .isEqualTo("{\"error\":\"bad request body: toxicity: 1.5 (expected: 0.0-1.0)\",\"status\":400}\n");
        assertThat(api.post(toxics, "{\"type\":\"latency\",\"attributes\":{\"latency\":\"slow\"}}").body())
                .isEqualTo("{\"error\":\"bad request body: latency: expected a number (was \\\"slow\\\")\","
                        + "\"status\":400}\n");
        assertThat(api.post(toxics, "{\"type\":\"loss\",\"attributes\":{\"probability\":0.1}}").body())
                .isEqualTo("{\"error\":\"invalid toxic type: loss does not apply to tcp proxies\",\"status\":400}\n");

        assertThat(api.post(toxics, "{\"type\":\"latency\"}").status()).isEqualTo(200);
        assertThat(api.post(toxics, "{\"type\":\"latency\"}").body())
                .isEqualTo("{\"error\":\"toxic already exists\",\"status\":409}\n");
        assertThat(api.get(toxics + "/missing").body())
                .isEqualTo("{\"error\":\"toxic not found\",\"status\":404}\n");
        assertThat(api.delete(toxics + "/latency_downstream").status()).isEqualTo(204);
        assertThat(api.delete(toxics + "/latency_downstream").body())
                .isEqualTo("{\"error\":\"toxic not found\",\"status\":404}\n");
    }

    @Test
    void slicerVariationMustStayBelowAverage() {
        createProxy("slicer-range");

        Answer answer = api.post("/proxies/slicer-range/toxics",
                "{\"type\":\"slicer\",\"attributes\":{\"average_size\":10,\"size_variation\":10}}");

        assertThat(answer.body()).isEqualTo("{\"error\":\"bad request body: size_variation: 10 "
                + "(expected: 0-9, below average_size)\",\"status\":400}\n");
    }

    @Test
    void listenAddressInUseIsConflictAndServerStaysUp() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();

            Answer answer = api.post("/proxies",
                    "{\"name\":\"in-use\",\"listen\":\"" + listen + "\",\"upstream\":\"" + UPSTREAM + "\"}");

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body()).isEqualTo("{\"error\":\"listen tcp " + listen
                    + ": bind: address already in use\",\"status\":409}\n");
        }
        assertThat(api.get("/proxies/in-use").status()).as("a proxy that failed to start is not kept").isEqualTo(404);
        assertThat(api.get("/version").status()).isEqualTo(200);
    }

    @Test
    void badAddressesAreNamed() {
        Answer answer = api.post("/proxies", "{\"name\":\"bad-listen\",\"listen\":\"nowhere\",\"upstream\":\""
                + UPSTREAM + "\"}");

        assertThat(answer.body()).isEqualTo("{\"error\":\"bad request body: listen: \\\"nowhere\\\" "
                + "(expected: host:port; missing port)\",\"status\":400}\n");
        assertThat(api.post("/proxies", "{\"name\":\"bad-protocol\",\"upstream\":\"" + UPSTREAM
                + "\",\"protocol\":\"sctp\"}").body())
                .isEqualTo("{\"error\":\"bad request body: protocol: \\\"sctp\\\" (expected: tcp or udp)\","
                        + "\"status\":400}\n");
    }

    @Test
    void unknownRoutesAndMethodsAnswerAsGorillaMux() {
        Answer unknown = api.get("/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found\n");

        assertThat(api.call("PUT", "/proxies", "{}", null).status()).isEqualTo(405);
        assertThat(api.delete("/version").status()).isEqualTo(405);
    }

    @Test
    void browsersAreRefusedAsInToxiproxy() {
        Answer answer = api.call("GET", "/proxies", null, "Mozilla/5.0 (X11; Linux x86_64)");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("User agent not allowed\n");
    }
}
