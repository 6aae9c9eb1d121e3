package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInfo;

/**
 * toxiproxy-java, unchanged, against the NetHarness server: each toxic is added through the client, its effect
 * on real traffic measured, and removed again.
 */
class ToxiproxyJavaClientTest {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    static final EchoPerClass ECHO = new EchoPerClass();

    private static ToxiproxyClient client;
    private Proxy proxy;

    @BeforeAll
    static void start() {
        client = new ToxiproxyClient("127.0.0.1", SERVER.server().address().getPort());
    }

    @AfterEach
    void deleteProxy() throws IOException {
        if (proxy != null) {
            proxy.delete();
        }
    }

    private Proxy createProxy(TestInfo test) throws IOException {
        proxy = client.createProxy(test.getTestMethod().orElseThrow().getName(), "127.0.0.1:0", ECHO.get().hostPort());
        return proxy;
    }

    @Test
    void versionAndProxyFieldsReadByTheClient(TestInfo test) throws IOException {
        Proxy created = createProxy(test);

        assertThat(client.version()).contains("2.12.0");
        assertThat(created.getListen()).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(created.getUpstream()).isEqualTo(ECHO.get().hostPort());
        assertThat(created.isEnabled()).isTrue();
        assertThat(client.getProxy(created.getName()).getListen()).isEqualTo(created.getListen());
        assertThat(client.getProxies()).extracting(Proxy::getName).contains(created.getName());
        assertThatThrownBy(() -> client.createProxy(created.getName(), "127.0.0.1:0", ECHO.get().hostPort()))
                .isInstanceOf(IOException.class).hasMessageContaining("proxy already exists");
    }

    @Test
    void latencyUpdateThroughTheClientTakesEffect(TestInfo test) throws IOException {
        Proxy proxy = createProxy(test);
        Latency latency = proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 300);

        latency.setLatency(60).setJitter(0);
        double slowed = RoundTrips.fastestMillis(proxy.getListen(), 5);

        assertThat(proxy.toxics().get("slow", Latency.class).getLatency()).isEqualTo(60);
        // At least the new latency, and clearly below the old one (a busy machine adds a little, never 240 ms).
        assertThat(slowed).isBetween(59.0, 250.0);
    }

    @Test
    void slowCloseDelaysTheClose(TestInfo test) throws IOException {
        Proxy proxy = createProxy(test);
        long baseline = closeSeenAfterNanos(proxy);
        proxy.toxics().slowClose("lingering", ToxicDirection.DOWNSTREAM, 1000);

        long delayed = closeSeenAfterNanos(proxy);

        assertThat(delayed / 1e6).as("close seen after (baseline %.1f ms)", baseline / 1e6).isGreaterThanOrEqualTo(990);
        proxy.toxics().get("lingering").remove();
        assertThat(closeSeenAfterNanos(proxy) / 1e6).isLessThan(700);
    }

    /** Half-closes towards the echo server (which then closes) and measures until the client sees the end. */
    private static long closeSeenAfterNanos(Proxy proxy) throws IOException {
        try (Socket socket = RoundTrips.connect(proxy.getListen())) {
            socket.getOutputStream().write('x');
            assertThat(socket.getInputStream().read()).isEqualTo('x');
            long start = System.nanoTime();
            socket.shutdownOutput();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            return System.nanoTime() - start;
        }
    }

    @Test
    void timeoutToxicStopsDataAndClosesAfterItsTimeout(TestInfo test) throws IOException {
        Proxy proxy = createProxy(test);
        proxy.toxics().timeout("stall", ToxicDirection.UPSTREAM, 500);

        try (Socket socket = RoundTrips.connect(proxy.getListen())) {
            long start = System.nanoTime();
            socket.getOutputStream().write("hello".getBytes());
            int first = readOrReset(socket.getInputStream());
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(first).as("nothing is echoed, the connection just ends").isEqualTo(-1);
            assertThat(elapsedMillis).isBetween(450L, 5_000L);
        }
        proxy.toxics().get("stall").remove();
        assertEchoes(proxy);
    }

    @Test
    void resetPeerToxicResetsTheConnection(TestInfo test) throws IOException {
        Proxy proxy = createProxy(test);
        proxy.toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 0);

        // The reset may arrive while connect() still waits for the handshake to finish (then connect() itself
        // reports it), before the first write or after any of them: all are inside the lambda.
        assertThatThrownBy(() -> {
            try (Socket socket = RoundTrips.connect(proxy.getListen())) {
                socket.getOutputStream().write('x');
                for (int i = 0; i < 10 && socket.getInputStream().read() >= 0; i++) {
                    socket.getOutputStream().write('x');
                }
                socket.getOutputStream().write('x');
                socket.getInputStream().read();
            }
        }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        proxy.toxics().get("rst").remove();
        assertEchoes(proxy);
    }

    @Test
    void limitDataToxicClosesAfterItsBytes(TestInfo test) throws Exception {
        Proxy proxy = createProxy(test);
        proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 100);

        try (Socket socket = RoundTrips.connect(proxy.getListen())) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[300]);
            out.flush();
            int received = 0;
            InputStream in = socket.getInputStream();
            for (int n = readOrReset(in, new byte[1024]); n > 0; n = readOrReset(in, new byte[1024])) {
                received += n;
            }
            assertThat(received).isEqualTo(100);
        }
        proxy.toxics().get("cap").remove();
        assertThat(RoundTrips.echoNanos(proxy.getListen(), 300)).isPositive();
    }

    @Test
    void slicerToxicSlowsDeliveryBySlices(TestInfo test) throws Exception {
        Proxy proxy = createProxy(test);
        proxy.toxics().slicer("slices", ToxicDirection.DOWNSTREAM, 10, 0).setDelay(50_000); // µs per slice

        long chunksBefore = downstreamChunks(proxy);
        long sliced = RoundTrips.echoNanos(proxy.getListen(), 200);
        long slicedChunks = downstreamChunks(proxy) - chunksBefore;

        assertThat(proxy.toxics().getAll()).hasSize(1);
        // 20 slices of 10 bytes, 50 ms apart: at least 19 gaps.
        assertThat(sliced / 1e6).isGreaterThanOrEqualTo(19 * 50 * 0.95);
        assertThat(slicedChunks).as("chunks delivered downstream with the slicer").isEqualTo(20);
        proxy.toxics().get("slices").remove();
        long plainBefore = downstreamChunks(proxy);
        RoundTrips.echoNanos(proxy.getListen(), 200);
        // Counted, not timed: on a loaded machine an unsliced echo can take as long as a sliced one.
        assertThat(downstreamChunks(proxy) - plainBefore).as("chunks without the slicer").isLessThan(10);
    }

    @Test
    void disabledProxyRefusesConnectionsUntilEnabled(TestInfo test) throws IOException {
        Proxy proxy = createProxy(test);

        proxy.disable();

        assertThat(client.getProxy(proxy.getName()).isEnabled()).isFalse();
        assertThatThrownBy(() -> RoundTrips.connect(proxy.getListen()).close()).isInstanceOf(ConnectException.class);
        proxy.enable();
        assertEchoes(proxy);
    }

    @Test
    void resetRemovesToxicsAndEnablesProxies(TestInfo test) throws IOException {
        Proxy proxy = createProxy(test);
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 500);
        proxy.disable();

        client.reset();

        Proxy after = client.getProxy(proxy.getName());
        assertThat(after.isEnabled()).isTrue();
        assertThat(after.toxics().getAll()).isEmpty();
        assertThat(RoundTrips.fastestMillis(proxy.getListen(), 3)).as("500 ms latency gone").isLessThan(400);
    }

    @Test
    void toxicityZeroLeavesConnectionsAlone(TestInfo test) throws IOException {
        Proxy proxy = createProxy(test);
        proxy.toxics().resetPeer("never", ToxicDirection.DOWNSTREAM, 0).setToxicity(0f);

        assertThat(proxy.toxics().get("never").getToxicity()).isZero();
        assertEchoes(proxy);
    }

    /** Chunks the proxy delivered downstream so far (the {@code /statistics} extension). */
    private static long downstreamChunks(Proxy proxy) {
        ApiClient api = SERVER.api();
        return JsonParser.parseString(api.get("/proxies/" + proxy.getName() + "/statistics").body())
                .getAsJsonObject().getAsJsonObject("downstream").get("delivered").getAsLong();
    }

    /** One byte through the proxy and back; a failure says what the server had in force. */
    private static void assertEchoes(Proxy proxy) throws IOException {
        try {
            assertThat(RoundTrips.echoes(proxy.getListen())).isTrue();
        } catch (IOException e) {
            ApiClient api = SERVER.api();
            throw new AssertionError("no echo through " + proxy.getName() + ": " + e + "; proxy "
                    + api.get("/proxies/" + proxy.getName()).body() + "; statistics "
                    + api.get("/proxies/" + proxy.getName() + "/statistics").body(), e);
        }
    }

    private static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException e) {
            return -1; // a reset also ends the connection; Toxiproxy's timeout closes, ours may reset
        }
    }

    private static int readOrReset(InputStream in, byte[] buffer) throws IOException {
        try {
            return in.read(buffer);
        } catch (SocketException e) {
            return -1;
        }
    }

}
