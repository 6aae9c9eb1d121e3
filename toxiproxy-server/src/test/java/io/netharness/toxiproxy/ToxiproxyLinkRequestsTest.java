package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The requests a {@link ToxiproxyLink} makes, seen by a recording stand-in for Toxiproxy's API: a user's test pays
 * for each one.
 */
class ToxiproxyLinkRequestsTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer api = recordingApi();

    private HttpServer recordingApi() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
        if (exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals("/proxies")) {
            byte[] created = ("{\"name\":\"quick\",\"listen\":\"127.0.0.1:45678\",\"upstream\":\"127.0.0.1:7\","
                    + "\"enabled\":true,\"toxics\":[]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, created.length);
            exchange.getResponseBody().write(created);
        } else {
            exchange.sendResponseHeaders(204, -1);
        }
        exchange.close();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    @Test
    void aLinkWithNoToxicToInstallIsCreatedListeningWithOneRequestAndDeletedWithOne() {
        try (ToxiproxyLink link = ToxiproxyLink.builder().toxiproxy("127.0.0.1", api.getAddress().getPort())
                .name("quick").target(new InetSocketAddress("127.0.0.1", 7)).build().start()) {
            assertThat(link.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 45678));
            assertThat(requests).hasSize(1);
            assertThat(requests.get(0)).startsWith("POST /proxies {").contains("\"name\":\"quick\"")
                    .contains("\"upstream\":\"127.0.0.1:7\"").doesNotContain("\"enabled\":false");
        }
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1)).isEqualTo("DELETE /proxies/quick ");
    }
}
