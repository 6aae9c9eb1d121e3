package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An upstream that cannot be reached ends the client's connection the same way whatever the reason (refused,
 * unresolvable, no address at all), as Toxiproxy does: the client's connection is closed, with a FIN when it sent
 * nothing. (Data the client sent and no one read turns that close into a reset, in Toxiproxy as here.) Names
 * resolve from a hosts file with {@code localhost} only (see the pom), so the unresolvable name costs no DNS query.
 */
class UpstreamFailuresTest {

    private static ToxiproxyServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = ToxiproxyServer.builder().build().start();
        api = new ApiClient(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** "eof", "reset" or "open" (nothing within 10 s). */
    private static String end(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            return in.read() < 0 ? "eof" : "data";
        } catch (SocketTimeoutException e) {
            return "open";
        } catch (IOException e) {
            return String.valueOf(e.getMessage()).contains("reset") ? "reset" : e.getMessage();
        }
    }

    @Test
    void refusedUnresolvableAndMeaninglessUpstreamsAllCloseTheClientAlike() throws Exception {
        List<String> upstreams = List.of("127.0.0.1:" + closedPort(), "nosuch.invalid:80", "0");
        for (int i = 0; i < upstreams.size(); i++) {
            String name = "unreachable-" + i;
            String listen = api.createSeeded(name, upstreams.get(i), 1);
            try (Socket client = RoundTrips.connect(listen)) {
                assertThat(end(client)).as("client of a proxy to %s", upstreams.get(i)).isEqualTo("eof");
            }
            assertThat(api.get("/proxies/" + name).status()).as("the proxy stays").isEqualTo(200);
        }
    }
}
