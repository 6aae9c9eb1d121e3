package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Toxicity picks the connections a toxic affects, from the proxy's seed (the {@code seed} extension): the same
 * seed picks the same connections.
 */
class SeededToxicityTest {

    private static final int CONNECTIONS = 24;

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    static final EchoPerClass ECHO = new EchoPerClass();

    @Test
    void sameSeedResetsTheSameConnections() throws IOException {
        String first = pattern("seeded-a", 99);
        String second = pattern("seeded-b", 99);
        String other = pattern("seeded-c", 100);

        assertThat(first).as("some connections reset, some not").contains("R", ".");
        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        int resets = first.replace(".", "").length();
        assertThat(resets).as("resets of %d connections at toxicity 0.5: %s", CONNECTIONS, first).isBetween(4, 20);
    }

    /** One character per sequential connection: {@code R} if the toxic hit it, {@code .} if it echoed. */
    private static String pattern(String name, long seed) throws IOException {
        String listen = SERVER.api().createSeeded(name, ECHO.get().hostPort(), seed);
        assertThat(SERVER.api().post("/proxies/" + name + "/toxics", "{\"type\":\"reset_peer\",\"toxicity\":0.5,"
                + "\"attributes\":{\"timeout\":0}}").status()).isEqualTo(200);
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < CONNECTIONS; i++) {
            try (Socket socket = RoundTrips.connect(listen)) {
                socket.getOutputStream().write('x');
                pattern.append(socket.getInputStream().read() == 'x' ? '.' : 'R');
            } catch (SocketException e) {
                pattern.append('R');
            }
        }
        SERVER.api().delete("/proxies/" + name);
        return pattern.toString();
    }
}
