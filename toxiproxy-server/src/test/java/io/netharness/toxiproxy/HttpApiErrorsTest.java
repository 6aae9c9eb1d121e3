package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.toxiproxy.ApiClient.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Status codes and exact error bodies of the HTTP API, as Toxiproxy 2.x answers them. */
class HttpApiErrorsTest {

    private static final String UPSTREAM = "127.0.0.1:9";

    @RegisterExtension
    static final ServerPerClass SERVER =
            new ServerPerClass(ToxiproxyServer.builder().engineFactory(SocketOnlyEngine::new));

    private static Answer createProxy(String name) {
        return createProxy(name, UPSTREAM);
    }

    private static Answer createProxy(String name, String upstream) {
        return SERVER.api().post("/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                + upstream + "\"}");
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
        assertThat(SERVER.api().post("/proxies", "{\"upstream\":\"" + UPSTREAM + "\"}").body())
                .isEqualTo("{\"error\":\"missing required field: name\",\"status\":400}\n");
        assertThat(SERVER.api().post("/proxies", "{\"name\":\"x\"}").body())
                .isEqualTo("{\"error\":\"missing required field: upstream\",\"status\":400}\n");
    }

    @Test
    void malformedJsonIsBadRequestBodyInGosWords() {
        Answer answer = SERVER.api().post("/proxies", "{\"name\": \"broken\",");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":\"bad request body: unexpected EOF\",\"status\":400}\n");
        assertThat(SERVER.api().post("/proxies", "").body())
                .isEqualTo("{\"error\":\"bad request body: EOF\",\"status\":400}\n");
        assertThat(SERVER.api().post("/proxies", "[1,2]").body())
                .isEqualTo("{\"error\":\"bad request body: json: cannot unmarshal array into Go value of type "
                        + "toxiproxy.Proxy\",\"status\":400}\n");
        assertThat(SERVER.api().post("/proxies", "{\"name\":\"x\",\"upstream\":\"a:1\",\"enabled\":\"yes\"}").body())
                .isEqualTo("{\"error\":\"bad request body: json: cannot unmarshal string into Go struct field "
                        + "Proxy.enabled of type bool\",\"status\":400}\n");
        assertThat(SERVER.api().post("/proxies", "%").body()).as("never the JSON parser's advice")
                .isEqualTo("{\"error\":\"bad request body: invalid character '%' looking for beginning of value\","
                        + "\"status\":400}\n");
    }

    @Test
    void onlyTheFirstJsonValueIsReadAndFieldNamesIgnoreCaseAsInGo() {
        Answer answer = SERVER.api().post("/proxies",
                "{\"Name\":\"go-like\",\"UPSTREAM\":\"" + UPSTREAM + "\"} trailing");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(SERVER.api().get("/proxies/go-like").status()).isEqualTo(200);
    }

    @Test
    void unknownProxyIsNotFound() {
        Answer answer = SERVER.api().get("/proxies/nope");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"error\":\"proxy not found\",\"status\":404}\n");
        assertThat(SERVER.api().delete("/proxies/nope").status()).isEqualTo(404);
        assertThat(SERVER.api().post("/proxies/nope/toxics", "{\"type\":\"latency\"}").status()).isEqualTo(404);
    }

    @Test
    void toxicErrorsUseToxiproxysMessages() {
        createProxy("toxic-errors");
        String toxics = "/proxies/toxic-errors/toxics";

        assertThat(SERVER.api().post(toxics, "{\"type\":\"earthquake\"}").body())
                .isEqualTo("{\"error\":\"invalid toxic type\",\"status\":400}\n");
        assertThat(SERVER.api().post(toxics, "{\"type\":\"latency\",\"stream\":\"sideways\"}").body()).isEqualTo(
                "{\"error\":\"stream was invalid, can be either upstream or downstream\",\"status\":400}\n");
        assertThat(SERVER.api().post(toxics, "{\"type\":\"latency\",\"attributes\":{\"latency\":\"slow\"}}").body())
                .isEqualTo("{\"error\":\"bad request body: json: cannot unmarshal string into Go struct field "
                        + "LatencyToxic.attributes.latency of type int64\",\"status\":400}\n");
        assertThat(SERVER.api().post(toxics, "{\"type\":\"latency\",\"attributes\":{\"latency\":1.5}}").body())
                .isEqualTo("{\"error\":\"bad request body: json: cannot unmarshal number 1.5 into Go struct field "
                        + "LatencyToxic.attributes.latency of type int64\",\"status\":400}\n");
        assertThat(SERVER.api().post(toxics, "{\"type\":\"latency\",\"toxicity\":\"0.5\"}").body())
                .isEqualTo("{\"error\":\"bad request body: json: cannot unmarshal string into Go struct field "
                        + "ToxicWrapper.toxicity of type float32\",\"status\":400}\n");
        assertThat(SERVER.api().post(toxics, "{\"type\":\"loss\",\"attributes\":{\"probability\":0.1}}").body())
                .isEqualTo("{\"error\":\"invalid toxic type: loss does not apply to tcp proxies\",\"status\":400}\n");

        assertThat(SERVER.api().post(toxics, "{\"type\":\"latency\"}").status()).isEqualTo(200);
        assertThat(SERVER.api().post(toxics, "{\"type\":\"latency\"}").body())
                .isEqualTo("{\"error\":\"toxic already exists\",\"status\":409}\n");
        assertThat(SERVER.api().get(toxics + "/missing").body())
                .isEqualTo("{\"error\":\"toxic not found\",\"status\":404}\n");
        assertThat(SERVER.api().delete(toxics + "/latency_downstream").status()).isEqualTo(204);
        assertThat(SERVER.api().delete(toxics + "/latency_downstream").body())
                .isEqualTo("{\"error\":\"toxic not found\",\"status\":404}\n");
    }

    @Test
    void valuesToxiproxyStoresUncheckedAreStoredAsSent() {
        createProxy("unchecked");
        String toxics = "/proxies/unchecked/toxics";

        assertThat(SERVER.api().post(toxics, "{\"name\":\"neg\",\"type\":\"latency\",\"attributes\":{\"latency\":-5}}")
                .body()).isEqualTo("{\"attributes\":{\"latency\":-5,\"jitter\":0},\"name\":\"neg\",\"type\":"
                        + "\"latency\",\"stream\":\"downstream\",\"toxicity\":1}");
        assertThat(SERVER.api().post(toxics, "{\"name\":\"often\",\"type\":\"latency\",\"toxicity\":2}").body())
                .contains("\"toxicity\":2}");
        assertThat(SERVER.api().post(toxics, "{\"name\":\"fast\",\"type\":\"bandwidth\",\"attributes\":{\"rate\":-1}}")
                .status()).isEqualTo(200);
        assertThat(SERVER.api().post(toxics, "{\"name\":\"sl\",\"type\":\"slicer\",\"attributes\":{\"average_size\":10,"
                + "\"size_variation\":20}}").status()).isEqualTo(200);
        assertThat(SERVER.api().post(toxics, "{\"name\":\"n\",\"type\":\"noop\"}").body()).isEqualTo(
                "{\"attributes\":{},\"name\":\"n\",\"type\":\"noop\",\"stream\":\"downstream\",\"toxicity\":1}");
    }

    @Test
    void aStreamIsKeptAsWrittenSoToxiproxysDefaultNameFindsIt() {
        createProxy("upper");

        Answer created = SERVER.api().post("/proxies/upper/toxics", "{\"type\":\"latency\",\"stream\":\"UPSTREAM\"}");

        assertThat(created.body()).contains("\"name\":\"latency_UPSTREAM\"", "\"stream\":\"UPSTREAM\"");
        assertThat(SERVER.api().get("/proxies/upper/toxics/latency_UPSTREAM").status()).isEqualTo(200);
        assertThat(SERVER.api().delete("/proxies/upper/toxics/latency_UPSTREAM").status()).isEqualTo(204);
    }

    @Test
    void listenAddressInUseIsAServerErrorWithTheResolvedAddressAndServerStaysUp() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Answer answer = SERVER.api().post("/proxies", "{\"name\":\"in-use\",\"listen\":\"localhost:"
                    + taken.getLocalPort() + "\",\"upstream\":\"" + UPSTREAM + "\"}");

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.body()).isEqualTo("{\"error\":\"listen tcp 127.0.0.1:" + taken.getLocalPort()
                    + ": bind: address already in use\",\"status\":500}\n");
        }
        assertThat(SERVER.api().get("/proxies/in-use").status()).as("a proxy that failed to start is not kept")
                .isEqualTo(404);
        assertThat(SERVER.api().get("/version").status()).isEqualTo(200);
    }

    @Test
    void badListenAddressesAreGosErrorsAlsoForDisabledProxies() {
        for (String enabled : List.of("true", "false")) {
            assertThat(SERVER.api().post("/proxies", "{\"name\":\"bad-listen\",\"listen\":\"nowhere\",\"upstream\":\""
                    + UPSTREAM + "\",\"enabled\":" + enabled + "}").body()).as("enabled: " + enabled)
                    .isEqualTo("{\"error\":\"listen tcp: address nowhere: missing port in address\",\"status\":500}\n");
        }
        assertThat(SERVER.api().post("/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:99999\",\"upstream\":\""
                + UPSTREAM + "\"}").body())
                .isEqualTo("{\"error\":\"listen tcp: address 99999: invalid port\",\"status\":500}\n");
        assertThat(SERVER.api().get("/proxies/bad-listen").status()).isEqualTo(404);
        assertThat(SERVER.api().post("/proxies", "{\"name\":\"bad-protocol\",\"upstream\":\"" + UPSTREAM
                + "\",\"protocol\":\"sctp\"}").body())
                .isEqualTo("{\"error\":\"bad request body: protocol: \\\"sctp\\\" (expected: tcp or udp)\","
                        + "\"status\":400}\n");
    }

    @Test
    void anUpstreamIsNotCheckedAsInToxiproxyButANameWithASlashIsRefused() {
        assertThat(createProxy("0", "0").status()).isEqualTo(201);
        assertThat(SERVER.api().call("PATCH", "/proxies/0", "{\"upstream\":\"also-not-an-address\"}", null).status())
                .isEqualTo(200);

        Answer slash = createProxy("a/b", UPSTREAM);

        assertThat(slash.status()).isEqualTo(400);
        assertThat(slash.body()).isEqualTo("{\"error\":\"bad request body: name: \\\"a/b\\\" (expected: no '/'; "
                + "a proxy named so could not be addressed as /proxies/{name})\",\"status\":400}\n");
    }

    @Test
    void unknownRoutesAndMethodsAnswerAsGorillaMux() {
        Answer unknown = SERVER.api().get("/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found\n");

        assertThat(SERVER.api().call("PUT", "/proxies", "{}", null).status()).isEqualTo(405);
        assertThat(SERVER.api().delete("/version").status()).isEqualTo(405);
    }

    @Test
    void browsersAreRefusedOnKnownRoutesAsInToxiproxy() {
        String browser = "Mozilla/5.0 (X11; Linux x86_64)";
        Answer answer = SERVER.api().call("GET", "/proxies", null, browser);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("User agent not allowed\n");
        assertThat(answer.header("X-Toxiproxy-Request-Id")).isNotNull();
        assertThat(SERVER.api().call("GET", "/nothing-here", null, browser).status()).as("mux answers first")
                .isEqualTo(404);
        assertThat(SERVER.api().call("PUT", "/proxies", "{}", browser).status()).isEqualTo(405);
    }

    @Test
    void everyRoutedAnswerCarriesARequestIdAndEveryAnswerNetHarnesssVersion() {
        Answer routed = SERVER.api().get("/proxies/nope");
        Answer unknown = SERVER.api().get("/nothing-here");

        assertThat(routed.header("X-Toxiproxy-Request-Id")).matches("[0-9a-v]{20}");
        assertThat(SERVER.api().get("/proxies/nope").header("X-Toxiproxy-Request-Id"))
                .isNotEqualTo(routed.header("X-Toxiproxy-Request-Id"));
        assertThat(unknown.header("X-Toxiproxy-Request-Id")).as("gorilla/mux's own 404 has none").isNull();
        assertThat(routed.header("X-Netharness-Version")).isNotBlank().isNotEqualTo("unknown");
        assertThat(unknown.header("X-Netharness-Version")).isEqualTo(routed.header("X-Netharness-Version"));
    }
}
