package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import io.netharness.toxiproxy.ApiClient.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Toxiproxy's most requested scenarios, each as one request to the HTTP API (the line marked {@code // the request})
 * and what a client then sees; the simulator's {@code ToxiproxyRequestsTest} does the same with the Java API.
 */
class ToxiproxyRequestsOverHttpTest extends ServerPerTestFixture {

    private String created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return JsonParser.parseString(answer.body()).getAsJsonObject().get("listen").getAsString();
    }

    private String proxy(String name) {
        return created(api.post("/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                + echo.hostPort() + "\"}"));
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** True if a new connection carries a byte there and back; false if it is refused, reset or closed. */
    private static boolean carries(String hostPort) {
        try (Socket socket = RoundTrips.connect(hostPort)) {
            socket.getOutputStream().write('x');
            return socket.getInputStream().read() == 'x';
        } catch (IOException e) {
            return false;
        }
    }

    /** Toxiproxy #195: pass traffic for N ms, then cut. */
    @Test
    void passTrafficForAWhileThenCut() throws Exception {
        String listen = proxy("db");
        try (Socket client = RoundTrips.connect(listen)) {
            long start = System.nanoTime();
            api.post("/proxies/db/toxics", "{\"type\":\"cut\",\"trigger\":{\"after\":300}}"); // the request
            client.getOutputStream().write('a');
            assertThat(client.getInputStream().read()).as("traffic passes at first").isEqualTo('a');
            InputStream in = client.getInputStream();
            assertThatThrownBy(() -> in.read()).hasMessageContaining("Connection reset");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
            assertThat(carries(listen)).as("a new connection while cut").isFalse();
        }
    }

    /** Toxiproxy #149: flap up and down. */
    @Test
    void flapUpAndDown() {
        String listen = proxy("db");
        api.post("/proxies/db/toxics", "{\"type\":\"cut\",\"trigger\":{\"up\":200,\"down\":200}}"); // the request
        Wait.until("a down phase", Duration.ofSeconds(10), () -> !carries(listen));
        Wait.until("the next up phase", Duration.ofSeconds(10), () -> carries(listen));
        Wait.until("down again", Duration.ofSeconds(10), () -> !carries(listen));
    }

    /** Toxiproxy #265: refuse connections while the service is down. */
    @Test
    void refuseConnectionsWhileTheServiceIsDown() throws IOException {
        int down;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = closed.getLocalPort();
        }
        String listen = created(api.post("/proxies", "{\"name\":\"db\",\"listen\":\"127.0.0.1:0\",\"upstream\":"
                + "\"127.0.0.1:" + down + "\",\"refuse_while_upstream_refuses\":true}")); // the request
        try (Socket client = new Socket()) {
            assertThatThrownBy(() -> client.connect(address(listen), 5_000)).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("Connection refused");
        }
        String plain = created(api.post("/proxies", "{\"name\":\"plain\",\"listen\":\"127.0.0.1:0\",\"upstream\":"
                + "\"127.0.0.1:" + down + "\"}"));
        try (Socket client = new Socket()) {
            client.connect(address(plain), 5_000); // as Toxiproxy: accepted, then closed
            client.setSoTimeout(10_000);
            assertThat(endOf(client)).isIn("eof", "reset");
        }
    }

    /** How the peer ended a connection: "eof" or "reset". */
    private static String endOf(Socket socket) {
        try {
            return socket.getInputStream().read() < 0 ? "eof" : "data";
        } catch (IOException e) {
            return String.valueOf(e.getMessage()).contains("reset") ? "reset" : e.getMessage();
        }
    }

    /** Toxiproxy #148 and #79: a proxy with its toxics, atomically, in force from the first byte. */
    @Test
    void createAProxyWithItsToxicsAtomically() throws IOException {
        String listen = created(api.post("/proxies", "{\"name\":\"db\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                + echo.hostPort() + "\",\"toxics\":[{\"type\":\"limit_data\",\"attributes\":{\"bytes\":3}}]}"));
        // ^ the request
        try (Socket client = RoundTrips.connect(listen)) {
            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .as("the first connection's first bytes").isEqualTo("hel");
        }
    }
}
