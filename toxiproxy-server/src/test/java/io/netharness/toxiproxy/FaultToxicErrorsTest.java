package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.netharness.toxiproxy.ApiClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every misuse of the fault toxics and their {@code trigger} is a 400 whose message names the field
 * ({@code trigger.<field>}) and what would be valid; nothing is added.
 */
class FaultToxicErrorsTest {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @BeforeAll
    static void createProxies() {
        SERVER.api().post("/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}");
        SERVER.api().post("/proxies", "{\"name\":\"u\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\","
                + "\"protocol\":\"udp\"}");
    }

    private static String error(String proxy, String toxic) {
        Answer answer = SERVER.api().post("/proxies/" + proxy + "/toxics", toxic);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(SERVER.api().get("/proxies/" + proxy + "/toxics").body()).isEqualTo("[]");
        return JsonParser.parseString(answer.body()).getAsJsonObject().get("error").getAsString();
    }

    private static String error(String toxic) {
        return error("p", toxic);
    }

    @Test
    void triggerFieldsNameTheFieldAndTheValidValues() {
        assertThat(error("{\"type\":\"hang\",\"trigger\":{\"soon\":1}}")).isEqualTo("bad request body: trigger.soon:"
                + " unknown (expected: one of adjustment, after, after_bytes, at, connection, down, every, framer,"
                + " jitter, lasting, length_bytes, little_endian, matching, message, offset_bytes, until, up)");
        assertThat(error("{\"type\":\"hang\",\"trigger\":5}"))
                .isEqualTo("bad request body: trigger: 5 (expected: an object such as {\"after\": 500})");
        assertThat(error("{\"type\":\"hang\",\"trigger\":{\"after\":\"1s\"}}"))
                .isEqualTo("bad request body: trigger.after: \"1s\" (expected: a whole number)");
        assertThat(error("{\"type\":\"hang\",\"trigger\":{\"after\":1.5}}"))
                .isEqualTo("bad request body: trigger.after: 1.5 (expected: a whole number)");
        assertThat(error("{\"type\":\"hang\",\"trigger\":{\"up\":100}}"))
                .isEqualTo("bad request body: trigger.down: missing (expected: both up and down, in ms)");
        assertThat(error("{\"type\":\"hang\",\"trigger\":{\"after\":1,\"up\":1,\"down\":1}}"))
                .isEqualTo("bad request body: trigger: sets after/until/every and up/down (expected: one kind of"
                        + " trigger)");
        assertThat(error("{\"type\":\"hang\",\"trigger\":{\"jitter\":5}}")).isEqualTo("bad request body:"
                + " trigger.jitter: set without up/down or every (expected: it varies their phases)");
        assertThat(error("{\"type\":\"hang\",\"trigger\":{\"connection\":0}}")).isEqualTo("bad request body:"
                + " trigger.connection: 0 (expected: a whole number >= 1, the connection's place in accept order)");
        assertThat(error("{\"type\":\"message_drop\",\"trigger\":{\"message\":1,\"framer\":\"xml\"}}"))
                .isEqualTo("bad request body: trigger.framer: \"xml\" (expected: lines, length_prefixed, http or"
                        + " resp)");
        assertThat(error("{\"type\":\"message_drop\",\"trigger\":{\"message\":1}}")).isEqualTo("bad request body:"
                + " trigger.framer: missing (expected: lines, length_prefixed, http or resp)");
        assertThat(error("{\"type\":\"reset\",\"trigger\":{\"message\":1,\"framer\":\"lines\",\"at\":\"during\"}}"))
                .isEqualTo("bad request body: trigger.at: \"during\" (expected: before, after_head or after)");
        assertThat(error("{\"type\":\"reset\",\"trigger\":{\"framer\":\"lines\"}}")).isEqualTo("bad request body:"
                + " trigger.framer: set without message or matching (expected: both, the framer cuts the stream"
                + " into the messages they select)");
        assertThat(error("{\"type\":\"message_drop\",\"trigger\":{\"matching\":\"(\",\"framer\":\"lines\"}}"))
                .startsWith("bad request body: trigger.matching: \"(\" (expected: a regular expression; ");
    }

    @Test
    void combinationsTheSimulatorRefusesNameBothHalves() {
        assertThat(error("{\"type\":\"message_drop\"}")).isEqualTo("bad request body: trigger.message: missing"
                + " (expected: message or matching, with a framer: a message_drop toxic acts on whole messages)");
        assertThat(error("{\"type\":\"refuse\",\"trigger\":{\"after_bytes\":3}}"))
                .startsWith("bad request body: trigger: ").contains("expected: a trigger of time");
        assertThat(error("{\"type\":\"hang\",\"trigger\":{\"every\":100}}"))
                .startsWith("bad request body: trigger: ").contains("expected: windows of some length");
        assertThat(error("{\"type\":\"accept_delay\",\"attributes\":{\"delay\":100},\"trigger\":{\"after\":1}}"))
                .startsWith("bad request body: trigger: set with accept_delay's delay (expected: one of them");
        assertThat(error("{\"type\":\"refuse\",\"toxicity\":0.5}")).startsWith("bad request body: toxicity: 0.5")
                .contains("expected: 1.0");
    }

    @Test
    void faultAttributesAreAlwaysRangeChecked() {
        assertThat(error("{\"type\":\"cut\",\"attributes\":{\"drop_existing\":2}}"))
                .isEqualTo("bad request body: drop_existing: 2 (expected: 0-1)");
        assertThat(error("{\"type\":\"message_delay\",\"attributes\":{\"delay\":-1},"
                + "\"trigger\":{\"message\":1,\"framer\":\"lines\"}}"))
                .isEqualTo("bad request body: delay: -1 (expected: >= 0)");
    }

    @Test
    void toxiproxysToxicsTakeNoTriggerAndUdpProxiesNoFaultToxics() {
        assertThat(error("{\"type\":\"latency\",\"trigger\":{\"after\":100}}")).isEqualTo("bad request body:"
                + " trigger: set on a latency toxic (expected: only on NetHarness's fault toxics: hang, blackhole,"
                + " reset, close, refuse, accept_delay, accept_then_hang, cut, message_drop, message_delay,"
                + " message_duplicate, message_reorder, message_corrupt)");
        assertThat(error("u", "{\"type\":\"hang\"}"))
                .isEqualTo("invalid toxic type: hang does not apply to udp proxies");
    }
}
