package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API's read and idle timeouts (Toxiproxy's 15 s and 60 s, shortened here): a client that trickles a request
 * or idles on a kept-alive connection loses it, so such clients cannot hold the server's descriptors.
 */
class ApiTimeoutsTest {

    // Long enough that a loaded machine's pauses between connect and write do not end a prompt request.
    private static final Duration READ = Duration.ofMillis(2_000);
    private static final Duration IDLE = Duration.ofMillis(1_500);

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(ToxiproxyServer.builder().timeouts(READ, IDLE));

    private static Socket connect() throws IOException {
        Socket socket = new Socket(SERVER.server().address().getAddress(), SERVER.server().address().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads until the server closes; returns how long that took from {@code start}, in ms. */
    private static long closedAfterMillis(Socket socket, long start) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // discard the answers; only the close matters
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within 10 s", e);
        } catch (IOException reset) {
            // a close with unread bytes arrives as a reset: closed all the same
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aRequestTrickledSlowerThanTheReadTimeoutLosesItsConnection() throws Exception {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            byte[] request = "GET /version HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            boolean closed = false;
            for (int i = 0; i < request.length && !closed; i++) {
                try {
                    out.write(request[i]);
                    out.flush();
                } catch (IOException e) {
                    closed = true;
                }
                Thread.sleep(100); // the stimulus, not a wait: at this trickle the request would take 3.4 s
            }
            long elapsed = closedAfterMillis(socket, start);
            assertThat(elapsed).as("ms until closed").isBetween(READ.toMillis(), 5_000L);
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /version HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[2048];
            int n = socket.getInputStream().read(answer);
            long answered = System.nanoTime();
            assertThat(n).as("bytes of the answer").isPositive();
            assertThat(new String(answer, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 OK");

            assertThat(closedAfterMillis(socket, answered)).as("ms idle until closed")
                    .isBetween(IDLE.toMillis() - 50, 5_000L);
        }
    }

    @Test
    void aPromptClientIsServedAcrossManyRequests() throws Exception {
        ApiClient api = SERVER.api();
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/version").status()).isEqualTo(200);
            Thread.sleep(300); // the stimulus: pauses between requests are idle time, not read time
        }
    }
}
