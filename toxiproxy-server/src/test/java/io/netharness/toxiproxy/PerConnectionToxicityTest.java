package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Latency and bandwidth toxics act per connection, as in Toxiproxy where each connection has its own toxic chain:
 * toxicity picks connections (by the proxy's seed), and a bandwidth toxic caps each connection separately. Driven
 * through toxiproxy-java; the proxies are created with the {@code seed} extension so the picks are reproducible.
 * Isolated, since the test tells slowed connections from others by their round-trip times.
 */
@Isolated
class PerConnectionToxicityTest {

    private static final int CONNECTIONS = 24;
    private static final int LATENCY_MILLIS = 100;

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    static final EchoPerClass ECHO = new EchoPerClass();

    private static ToxiproxyClient client;

    @BeforeAll
    static void start() {
        client = new ToxiproxyClient("127.0.0.1", SERVER.server().address().getPort());
    }

    @Test
    void aLatencyToxicWithToxicityHalfSlowsSomeConnectionsChosenByTheSeed() throws IOException {
        String first = slowedConnections("latency-a", 99);
        String second = slowedConnections("latency-b", 99);
        String other = slowedConnections("latency-c", 100);

        System.out.println("latency toxic, toxicity 0.5, seed 99: " + first + "; seed 100: " + other);
        assertThat(first).as("some connections slowed, some not").contains("S", ".");
        int slowed = first.replace(".", "").length();
        assertThat(slowed).as("slowed of %d connections at toxicity 0.5: %s", CONNECTIONS, first).isBetween(4, 20);
        assertThat(second).as("the same seed picks the same connections").isEqualTo(first);
        assertThat(other).as("another seed picks others").isNotEqualTo(first);
    }

    /**
     * One character per sequential connection: {@code S} if its round trips took at least the toxic's latency,
     * {@code .} if not; a connection whose second round trip is slowed but not its first fails the test.
     */
    private String slowedConnections(String name, long seed) throws IOException {
        SERVER.api().createSeeded(name, ECHO.get().hostPort(), seed);
        Proxy proxy = client.getProxy(name);
        proxy.toxics().latency("latency", ToxicDirection.DOWNSTREAM, LATENCY_MILLIS).setToxicity(0.5f);
        StringBuilder pattern = new StringBuilder();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                try (Socket socket = RoundTrips.connect(proxy.getListen())) {
                    double first = RoundTrips.roundTripMillis(socket);
                    double second = RoundTrips.roundTripMillis(socket);
                    // The second round trip decides: a new connection's first one also carries its set-up cost,
                    // which on a loaded machine can pass the latency (80-150 ms seen for a JVM's first connection).
                    boolean slowed = second >= LATENCY_MILLIS;
                    assertThat(!slowed || first >= LATENCY_MILLIS)
                            .as("connection %d slowed on its second round trip (%.1f ms) but not its first (%.1f ms)",
                                    i, second, first).isTrue();
                    pattern.append(slowed ? 'S' : '.');
                }
            }
        } finally {
            proxy.delete();
        }
        return pattern.toString();
    }

    @Test
    void aBandwidthToxicCapsEachConnectionSeparately() throws Exception {
        SERVER.api().createSeeded("narrow", ECHO.get().hostPort(), 7);
        Proxy proxy = client.getProxy("narrow");
        proxy.toxics().bandwidth("narrow", ToxicDirection.DOWNSTREAM, 100); // KB/s, for each connection
        int bytes = 50_000;
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Future<Long>> echoes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                echoes.add(clients.submit(() -> RoundTrips.echoNanos(proxy.getListen(), bytes)));
            }
            List<Double> millis = new ArrayList<>();
            for (Future<Long> echoed : echoes) {
                millis.add(echoed.get(10, TimeUnit.SECONDS) / 1e6);
            }
            System.out.println("3 concurrent echoes of 50 kB, bandwidth toxic 100 KB/s: " + millis + " ms");
            // 50 kB at 100 KB/s takes 500 ms per connection; through one shared cap the last would need 1500 ms.
            assertThat(millis).as("each connection at its own 100 KB/s")
                    .allSatisfy(elapsed -> assertThat(elapsed).isBetween(480.0, 1_200.0));
        } finally {
            clients.shutdownNow();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            proxy.delete();
        }
    }
}
