package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netharness.toxiproxy.ApiClient.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NetHarness's fault toxics and their {@code trigger} through the HTTP API, each with what a client then sees: the
 * effects Toxiproxy has no toxic for (hang, reset, refuse, accept delay, message faults) at the moment the trigger
 * says (after a time, after some bytes, on the Nth connection or message, flapping).
 */
class FaultToxicsTest extends ProxyPerTestFixture {

    @Override
    long proxySeed() {
        return 5;
    }

    private JsonObject toxic(String json) {
        Answer answer = api.post("/proxies/" + proxy + "/toxics", json);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return JsonParser.parseString(answer.body()).getAsJsonObject();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String read(Socket socket, int bytes) throws IOException {
        return new String(socket.getInputStream().readNBytes(bytes), StandardCharsets.US_ASCII);
    }

    /** How the peer ended the connection: "eof" or "reset". */
    private static String end(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // discard
            }
            return "eof";
        } catch (IOException e) {
            return String.valueOf(e.getMessage()).contains("reset") ? "reset" : e.getMessage();
        }
    }

    private boolean refuses() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address(), 5_000);
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }

    private InetSocketAddress address() {
        int colon = listen.lastIndexOf(':');
        return new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)));
    }

    @Test
    void resetAfterATimePassesTrafficUntilThen() throws Exception {
        try (Socket client = RoundTrips.connect(listen)) {
            long start = System.nanoTime();
            JsonObject created = toxic("{\"type\":\"reset\",\"trigger\":{\"after\":300}}");

            assertThat(created.getAsJsonObject("trigger").toString()).isEqualTo("{\"after\":300}");
            client.getOutputStream().write('a');
            assertThat(read(client, 1)).isEqualTo("a");
            assertThat(end(client)).isEqualTo("reset");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void hangAfterSomeBytesHoldsTheRestUntilRemoved() throws Exception {
        toxic("{\"type\":\"hang\",\"name\":\"stuck\",\"trigger\":{\"after_bytes\":3}}");
        try (Socket client = RoundTrips.connect(listen)) {
            client.getOutputStream().write(ascii("hello"));
            assertThat(read(client, 3)).isEqualTo("hel");
            client.setSoTimeout(300);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            assertThat(api.delete("/proxies/" + proxy + "/toxics/stuck").status()).isEqualTo(204);

            client.setSoTimeout(10_000);
            assertThat(read(client, 2)).isEqualTo("lo");
        }
    }

    @Test
    void refuseMakesConnectFailUntilRemoved() throws Exception {
        toxic("{\"type\":\"refuse\"}");
        assertThat(refuses()).isTrue();

        api.delete("/proxies/" + proxy + "/toxics/refuse_downstream");

        assertThat(RoundTrips.echoes(listen)).isTrue();
    }

    @Test
    void acceptDelayLeavesConnectWaiting() throws Exception {
        toxic("{\"type\":\"accept_delay\",\"attributes\":{\"delay\":5000}}");
        try (Socket client = new Socket()) {
            assertThatThrownBy(() -> client.connect(address(), 300)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void theNthConnectionAloneIsReset() throws Exception {
        toxic("{\"type\":\"reset\",\"trigger\":{\"connection\":2}}");
        List<String> seen = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            // The reset comes at once: it may reach the client before its connect() returns.
            try (Socket client = RoundTrips.connect(listen)) {
                client.getOutputStream().write('0' + i);
                seen.add(read(client, 1));
            } catch (IOException e) {
                seen.add(String.valueOf(e.getMessage()).contains("reset") ? "reset" : e.getMessage());
            }
        }
        assertThat(seen).containsExactly("1", "reset", "3");
    }

    @Test
    void messageFaultsActOnTheNthOrAMatchingMessageInEitherDirection() throws Exception {
        toxic("{\"type\":\"message_drop\",\"stream\":\"upstream\",\"trigger\":{\"message\":2,\"framer\":\"lines\"}}");
        toxic("{\"type\":\"message_drop\",\"trigger\":{\"matching\":\"^bad\",\"framer\":\"lines\"}}");
        try (Socket client = RoundTrips.connect(listen)) {
            client.getOutputStream().write(ascii("first\nsecond\nthird\nbad one\nlast\n"));
            assertThat(read(client, 17)).isEqualTo("first\nthird\nlast\n");
        }
    }

    @Test
    void flappingRefusesAndAcceptsInTurn() throws Exception {
        toxic("{\"type\":\"refuse\",\"trigger\":{\"up\":150,\"down\":150,\"jitter\":20}}");
        Wait.until("a refusal", Duration.ofSeconds(10), this::refusesNow);
        Wait.until("an accept", Duration.ofSeconds(10), () -> !refusesNow());
        Wait.until("a refusal again", Duration.ofSeconds(10), this::refusesNow);
    }

    private boolean refusesNow() {
        try {
            return refuses();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTriggerIsShownAsSentChangedByAnUpdateAndAbsentFromToxiproxysToxics() {
        toxic("{\"type\":\"latency\",\"attributes\":{\"latency\":1}}");
        toxic("{\"type\":\"hang\",\"name\":\"h\",\"trigger\":{\"after\":100,\"until\":200}}");

        Answer updated = api.post("/proxies/" + proxy + "/toxics/h", "{\"trigger\":{\"after_bytes\":10}}");

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.body()).isEqualTo("{\"attributes\":{},\"name\":\"h\",\"type\":\"hang\",\"stream\":"
                + "\"downstream\",\"toxicity\":1,\"trigger\":{\"after_bytes\":10}}");
        assertThat(api.get("/proxies/" + proxy + "/toxics/latency_downstream").body()).doesNotContain("trigger");
        Answer kept = api.post("/proxies/" + proxy + "/toxics/h", "{\"toxicity\":1}");
        assertThat(kept.body()).contains("\"trigger\":{\"after_bytes\":10}");
        Answer cleared = api.post("/proxies/" + proxy + "/toxics/h", "{\"trigger\":null}");
        assertThat(cleared.body()).doesNotContain("trigger");
    }
}
