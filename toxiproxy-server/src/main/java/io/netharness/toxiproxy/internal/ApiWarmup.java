package io.netharness.toxiproxy.internal;

import io.netharness.core.Format;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The requests a Toxiproxy client makes first, sent to a scratch copy of the API (its own registry and
 * port, the server's engine and API event loop) before the server's API listens.
 *
 * <p>Why: in a fresh serve the first API request took 80-110 ms and the first {@code POST /proxies} 40 ms, where
 * later ones take about a millisecond: the HTTP codec, the router, the JSON readers and writers and the response's
 * date formatter are loaded and initialised on first use. A client's first requests (often a test's set-up, against
 * a timeout) should find them ready. The scratch registry's proxies are never seen by a client: they live on another
 * port and are closed before the API binds.
 *
 * <p>Bounded by {@link #BUDGET}; runs when the engine's warm-up ran ({@link LinkEngine#warmUp()}), so once per JVM
 * and off with {@code -Dnetharness.warmup=false}.
 */
public final class ApiWarmup {

    static final Duration BUDGET = Duration.ofSeconds(1);
    private static final String UPSTREAM = "127.0.0.1:9";
    /** CR LF CR LF as the last four bytes read, one byte each. */
    private static final int END_OF_HEAD = '\r' << 24 | '\n' << 16 | '\r' << 8 | '\n';
    private static final System.Logger LOG = System.getLogger(ApiWarmup.class.getName());

    /** One request of the script and the status it must get. */
    record Step(String method, String path, String body, int status) {
    }

    /** What a client does first: look, create (one by one and populated), add and change toxics, reset, delete. */
    static final List<Step> SCRIPT = List.of(
            new Step("GET", "/version", null, 200),
            new Step("GET", "/proxies", null, 200),
            new Step("GET", "/proxies/netharness-warmup", null, 404),
            new Step("POST", "/proxies", "{\"name\":\"netharness-warmup\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                    + UPSTREAM + "\",\"enabled\":true}", 201),
            new Step("GET", "/proxies/netharness-warmup", null, 200),
            new Step("POST", "/proxies/netharness-warmup/toxics", "{\"name\":\"latency\",\"type\":\"latency\","
                    + "\"stream\":\"downstream\",\"toxicity\":1.0,\"attributes\":{\"latency\":10,"
                    + "\"jitter\":1}}", 200),
            new Step("POST", "/proxies/netharness-warmup/toxics/latency", "{\"attributes\":{\"latency\":20}}", 200),
            new Step("GET", "/proxies/netharness-warmup/toxics", null, 200),
            new Step("DELETE", "/proxies/netharness-warmup/toxics/latency", null, 204),
            new Step("POST", "/proxies/netharness-warmup", "{\"enabled\":false}", 200),
            new Step("POST", "/populate", "[{\"name\":\"netharness-warmup-2\",\"listen\":\"127.0.0.1:0\","
                    + "\"upstream\":\"" + UPSTREAM + "\"}]", 201),
            new Step("POST", "/reset", null, 204),
            new Step("DELETE", "/proxies/netharness-warmup-2", null, 204),
            new Step("DELETE", "/proxies/netharness-warmup", null, 204));

    private ApiWarmup() {
    }

    /**
     * Sends {@link #SCRIPT} to the API at {@code api} over one kept-alive connection; returns how many steps got the
     * status they expected. A failure only ends it early.
     */
    public static int run(InetSocketAddress api) {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int answered = 0;
        try (Socket socket = new Socket()) {
            int timeoutMillis = (int) BUDGET.toMillis();
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            socket.connect(api, timeoutMillis);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (Step step : SCRIPT) {
                if (System.nanoTime() - deadline >= 0) {
                    break;
                }
                int status = exchange(out, in, api, step);
                if (status != step.status()) {
                    throw new IOException(step.method() + " " + step.path() + " answered " + status + ", expected "
                            + step.status());
                }
                answered++;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "the API warm-up ended early; first requests pay their own start-up", e);
        }
        return answered;
    }

    /** Sends one request and reads its whole answer; returns the status. */
    private static int exchange(OutputStream out, InputStream in, InetSocketAddress api, Step step) throws IOException {
        byte[] body = step.body() == null ? new byte[0] : step.body().getBytes(StandardCharsets.UTF_8);
        String head = step.method() + " " + step.path() + " HTTP/1.1\r\nHost: " + Format.address(api)
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String[] lines = readHead(in).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        int length = 0;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        if (in.readNBytes(length).length != length) {
            throw new IOException("the API closed the connection within an answer");
        }
        return status;
    }

    /** The answer's head, through the empty line that ends it. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != END_OF_HEAD) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the API closed the connection before an answer");
            }
            head.write(b);
            lastFour = lastFour << 8 | b;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
