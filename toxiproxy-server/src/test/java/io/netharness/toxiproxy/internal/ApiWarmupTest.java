package io.netharness.toxiproxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.toxiproxy.ToxiproxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ApiWarmupTest {

    @Test
    void everyRequestOfTheScriptGetsTheAnswerItExpectsAndLeavesNoProxyBehind() throws Exception {
        try (ToxiproxyServer server = ToxiproxyServer.builder().build().start()) {
            assertThat(ApiWarmup.run(server.address())).isEqualTo(ApiWarmup.SCRIPT.size());

            HttpResponse<String> proxies = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.uri().resolve("/proxies")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(proxies.statusCode()).isEqualTo(200);
            assertThat(proxies.body()).isEqualTo("{}");
        }
    }

    @Test
    void anApiThatIsNotThereEndsTheWarmUpWithoutThrowing() throws IOException {
        InetSocketAddress nothingListens;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothingListens = (InetSocketAddress) socket.getLocalSocketAddress();
        }

        assertThat(ApiWarmup.run(nothingListens)).isZero();
    }
}
