package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Toxics through the API with the effects Toxiproxy 2.12's source gives them (toxics/*.go, link.go): timers that
 * data starts or restarts, what is swallowed, and whether a connection ends with FIN or RST. Each case mirrors what a
 * differential run against Toxiproxy showed; see the README's table for the differences that remain.
 */
class ToxicBehaviourTest extends ProxyPerTestFixture {

    @Override
    long proxySeed() {
        return 3;
    }

    private void toxic(String json) {
        assertThat(api.post("/proxies/" + proxy + "/toxics", json).status()).as(json).isEqualTo(200);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** How the peer ended the connection: "eof" (FIN) or "reset"; fails if it stays open 10 s. */
    private static String end(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // discard
            }
            return "eof";
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open", e);
        } catch (IOException e) {
            return String.valueOf(e.getMessage()).contains("reset") ? "reset" : e.getMessage();
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void timeoutIsRestartedByEveryChunkThatArrives() throws Exception {
        toxic("{\"type\":\"timeout\",\"stream\":\"upstream\",\"attributes\":{\"timeout\":1000}}");
        // A machine that stalls this thread past the timeout between two bytes makes an attempt inconclusive (the
        // close is then right); three such attempts in a row fail the test.
        for (int attempt = 1; !chatterOutlastsTheTimeout(1_000); attempt++) {
            assertThat(attempt).as("attempts stalled longer than the timeout").isLessThan(3);
        }
    }

    /**
     * Sends a byte every 100 ms for twice {@code timeoutMillis} (each should restart the timer), then waits for the
     * close; true if the connection stayed open throughout and closed at least the timeout after the last byte,
     * false if it closed early after a gap of at least the timeout between two bytes (inconclusive); fails on an
     * early close without such a gap.
     */
    private boolean chatterOutlastsTheTimeout(long timeoutMillis) throws Exception {
        try (Socket socket = RoundTrips.connect(listen)) {
            long lastWrite = System.nanoTime();
            long longestGap = 0;
            for (int i = 0; i < 2 * timeoutMillis / 100; i++) {
                long now = System.nanoTime();
                longestGap = Math.max(longestGap, (now - lastWrite) / 1_000_000);
                lastWrite = now;
                socket.setSoTimeout(100);
                String closed;
                try {
                    socket.getOutputStream().write('x');
                    int echoed = socket.getInputStream().read();
                    assertThat(echoed).as("the timeout toxic swallows the bytes; -1 is a close").isEqualTo(-1);
                    closed = "eof";
                } catch (SocketTimeoutException swallowed) {
                    continue; // as expected: nothing comes back
                } catch (IOException e) {
                    closed = e.getMessage();
                }
                assertThat(longestGap).as("the connection closed during the chatter (%s); longest gap between bytes, ms",
                        closed).isGreaterThanOrEqualTo(timeoutMillis);
                return false;
            }
            socket.setSoTimeout(10_000);
            assertThat(end(socket)).isEqualTo("eof");
            assertThat(millisSince(lastWrite)).as("ms from the last byte to the close").isGreaterThanOrEqualTo(
                    timeoutMillis);
            return true;
        }
    }

    @Test
    void removingATimeoutClosesTheConnectionsItWasOn() throws Exception {
        toxic("{\"type\":\"timeout\",\"stream\":\"upstream\",\"attributes\":{\"timeout\":0}}");
        int upstreamConnections = echo.accepted();
        try (Socket socket = RoundTrips.connect(listen)) {
            socket.getOutputStream().write(ascii("lost"));
            // connect() returns once the kernel queued the connection; the toxic closes only connections the proxy
            // has taken, which it has once it connected upstream (on a quiet machine the DELETE could come first).
            Wait.until("the proxy's connection to the upstream", Duration.ofSeconds(5),
                    () -> echo.accepted() > upstreamConnections);

            assertThat(api.delete("/proxies/" + proxy + "/toxics/timeout_upstream").status()).isEqualTo(204);

            assertThat(end(socket)).isEqualTo("eof");
        }
        assertThat(RoundTrips.echoes(listen)).as("new connections flow").isTrue();
    }

    @Test
    void resetPeerWaitsForDataThenResetsSwallowingIt() throws Exception {
        toxic("{\"type\":\"reset_peer\",\"attributes\":{\"timeout\":0}}");
        try (Socket socket = RoundTrips.connect(listen)) {
            socket.setSoTimeout(300);
            assertThatThrownBy(() -> socket.getInputStream().read()).as("an idle connection is left alone")
                    .isInstanceOf(SocketTimeoutException.class);
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            socket.getOutputStream().write(ascii("echo me"));

            assertThat(end(socket)).as("the echo is swallowed, then a reset").isEqualTo("reset");
            assertThat(millisSince(start)).isLessThan(5_000);
        }
    }

    @Test
    void upstreamResetPeerResetsTheClientToo() throws Exception {
        toxic("{\"type\":\"reset_peer\",\"stream\":\"upstream\",\"attributes\":{\"timeout\":100}}");
        try (Socket socket = RoundTrips.connect(listen)) {
            long start = System.nanoTime();
            socket.getOutputStream().write(ascii("never arrives"));

            assertThat(end(socket)).isEqualTo("reset");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void aResetPeerThatToxicityLeavesOutStillTurnsLimitDatasCloseIntoAReset() throws Exception {
        toxic("{\"type\":\"reset_peer\",\"stream\":\"upstream\",\"toxicity\":0}");
        toxic("{\"type\":\"limit_data\",\"attributes\":{\"bytes\":3}}");
        try (Socket socket = RoundTrips.connect(listen)) {
            socket.getOutputStream().write(ascii("hello"));

            assertThat(socket.getInputStream().readNBytes(3)).isEqualTo(ascii("hel"));
            assertThat(end(socket)).isEqualTo("reset");
        }
        api.delete("/proxies/" + proxy + "/toxics/reset_peer_upstream");
        try (Socket socket = RoundTrips.connect(listen)) {
            socket.getOutputStream().write(ascii("hello"));

            assertThat(socket.getInputStream().readNBytes(3)).isEqualTo(ascii("hel"));
            assertThat(end(socket)).as("without a reset_peer, limit_data closes with FIN").isEqualTo("eof");
        }
    }

    @Test
    void noopAndValuesToxiproxyTreatsAsNothingLeaveTheTrafficAlone() throws Exception {
        toxic("{\"type\":\"noop\"}");
        toxic("{\"name\":\"negative\",\"type\":\"latency\",\"attributes\":{\"latency\":-500,\"jitter\":-5}}");
        toxic("{\"name\":\"unlimited\",\"type\":\"bandwidth\",\"attributes\":{\"rate\":-1}}");
        toxic("{\"name\":\"never\",\"type\":\"latency\",\"toxicity\":-1,\"attributes\":{\"latency\":500}}");

        assertThat(RoundTrips.fastestMillis(listen, 5)).as("ms per round trip").isLessThan(250);
        assertThat(RoundTrips.echoNanos(listen, 100_000) / 1e6).as("ms to echo 100 kB").isLessThan(2_000);
    }
}
