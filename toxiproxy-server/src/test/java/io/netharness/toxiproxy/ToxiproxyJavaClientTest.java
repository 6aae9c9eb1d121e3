package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * toxiproxy-java, unchanged, against the NetHarness server: each toxic is added through the client, its effect
 * on real traffic measured, and removed again.
 */
class ToxiproxyJavaClientTest {

    private static ToxiproxyServer server;
    private static ToxiproxyClient client;
    private static EchoServer echo;
    private Proxy proxy;

    @BeforeAll
    static void start() {
        server = ToxiproxyServer.builder().build().start();
        client = new ToxiproxyClient("127.0.0.1", server.address().getPort());
        echo = new EchoServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        echo.close();
    }

    @AfterEach
    void deleteProxy() throws IOException {
        if (proxy != null) {
            proxy.delete();
        }
    }

    private Proxy createProxy(TestInfo test) throws IOException {
        proxy = client.createProxy(test.getTestMethod().orElseThrow().getName(), "127.0.0.1:0", echo.hostPort());
        return proxy;
    }

    @Test
    void versionAndProxyFieldsReadByTheClient(TestInfo test) throws IOException {
        Proxy created = createProxy(test);

        assertThat(client.version()).contains("2.12.0");
        assertThat(created.getListen()).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(created.getUpstream()).isEqualTo(echo.hostPort());
        assertThat(created.isEnabled()).isTrue();
        assertThat(client.getProxy(created.getName()).getListen()).isEqualTo(created.getListen());
        assertThat(client.getProxies()).extracting(Proxy::getName).contains(created.getName());
        assertThatThrownBy(() -> client.createProxy(created.getName(), "127.0.0.1:0", echo.hostPort()))
                .isInstanceOf(IOException.class).hasMessageContaining("proxy already exists");
    }

    @Test
    void latencyUpdateThroughTheClientTakesEffect(TestInfo test) throws IOException {
        Proxy proxy = createProxy(test);
        Latency latency = proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 30);

        latency.setLatency(60).setJitter(0);
        double slowed = RoundTrips.medianMillis(proxy.getListen(), 9);

        assertThat(proxy.toxics().get("slow", Latency.class).getLatency()).isEqualTo(60);
        assertThat(slowed).isBetween(58.0, 90.0);
    }

    @Test
    void slowCloseDelaysTheClose(TestInfo test) throws IOException {
        Proxy proxy = createProxy(test);
        long baseline = closeSeenAfterNanos(proxy);
        proxy.toxics().slowClose("lingering", ToxicDirection.DOWNSTREAM, 400);

        long delayed = closeSeenAfterNanos(proxy);

        assertThat(delayed / 1e6).as("close seen after (baseline %.1f ms)", baseline / 1e6).isGreaterThanOrEqualTo(390);
        proxy.toxics().get("lingering").remove();
        assertThat(closeSeenAfterNanos(proxy) / 1e6).isLessThan(300);
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
        assertThat(RoundTrips.medianMillis(proxy.getListen(), 3)).isLessThan(100);
    }

    @Test
    void resetPeerToxicResetsTheConnection(TestInfo test) throws IOException {
        Proxy proxy = createProxy(test);
        proxy.toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 0);

        try (Socket socket = RoundTrips.connect(proxy.getListen())) {
            socket.getOutputStream().write('x');
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10 && socket.getInputStream().read() >= 0; i++) {
                    socket.getOutputStream().write('x');
                }
                socket.getOutputStream().write('x');
                socket.getInputStream().read();
            }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        proxy.toxics().get("rst").remove();
        assertThat(RoundTrips.medianMillis(proxy.getListen(), 3)).isLessThan(100);
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
        proxy.toxics().slicer("slices", ToxicDirection.DOWNSTREAM, 10, 0).setDelay(20_000); // µs per slice

        long sliced = RoundTrips.echoNanos(proxy.getListen(), 200);

        assertThat(proxy.toxics().getAll()).hasSize(1);
        // 20 slices of 10 bytes, 20 ms apart: at least 19 gaps.
        assertThat(sliced / 1e6).isGreaterThanOrEqualTo(19 * 20 * 0.95);
        proxy.toxics().get("slices").remove();
        assertThat(RoundTrips.echoNanos(proxy.getListen(), 200) / 1e6).isLessThan(200);
    }

    @Test
    void disabledProxyRefusesConnectionsUntilEnabled(TestInfo test) throws IOException {
        Proxy proxy = createProxy(test);

        proxy.disable();

        assertThat(client.getProxy(proxy.getName()).isEnabled()).isFalse();
        assertThatThrownBy(() -> RoundTrips.connect(proxy.getListen()).close()).isInstanceOf(ConnectException.class);
        proxy.enable();
        assertThat(RoundTrips.medianMillis(proxy.getListen(), 3)).isLessThan(100);
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
        assertThat(RoundTrips.medianMillis(proxy.getListen(), 3)).isLessThan(100);
    }

    @Test
    void toxicityZeroLeavesConnectionsAlone(TestInfo test) throws IOException {
        Proxy proxy = createProxy(test);
        proxy.toxics().resetPeer("never", ToxicDirection.DOWNSTREAM, 0).setToxicity(0f);

        assertThat(proxy.toxics().get("never").getToxicity()).isZero();
        assertThat(RoundTrips.medianMillis(proxy.getListen(), 3)).isLessThan(100);
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
