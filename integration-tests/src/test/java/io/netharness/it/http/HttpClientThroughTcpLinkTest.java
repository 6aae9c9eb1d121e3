package io.netharness.it.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.it.support.NginxServer;
import io.netharness.it.support.RequiresExecutable;
import io.netharness.it.support.Timing;
import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.Direction;
import io.netharness.simulator.Effect;
import io.netharness.simulator.FaultHandle;
import io.netharness.simulator.Framer;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.Trigger;
import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK's HttpClient against Debian's nginx through a {@link TcpLink} with latency, a rate limit and a stall. */
@RequiresExecutable(value = "nginx", debianPackage = "nginx")
class HttpClientThroughTcpLinkTest {

    private static final byte[] LARGE = randomBytes(512 * 1024);
    private static final byte[] SMALL = "hello through the link\n".getBytes(StandardCharsets.US_ASCII);

    private static NginxServer nginx;

    private TcpLink link;
    private ExecutorService executor;
    private HttpClient client;

    @BeforeAll
    static void startNginx() {
        nginx = NginxServer.serving(Map.of("large.bin", LARGE, "small.txt", SMALL));
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @BeforeEach
    void startLinkAndClient() {
        link = TcpLink.builder().target(nginx.address()).seed(11).build().start();
        // JDK 17's HttpClient cannot be closed; its executor can, and its selector thread ends with the client.
        executor = Executors.newFixedThreadPool(2);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    @AfterEach
    void closeLinkAndClient() throws InterruptedException {
        link.close();
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void bodyArrivesIntactAndNoFasterThanTheBandwidthAllows() throws Exception {
        long bytesPerSecond = 256 * 1024;
        link.profile(Direction.DOWNSTREAM, LinkProfile.builder().bandwidth(Bandwidth.ofBytesPerSecond(bytesPerSecond)).build());
        HttpResponse<byte[]>[] response = responseHolder();

        Duration elapsed = Timing.time(() -> response[0] = client.send(get("/large.bin", Duration.ofSeconds(30)),
                HttpResponse.BodyHandlers.ofByteArray()));

        assertThat(response[0].statusCode()).isEqualTo(200);
        assertThat(response[0].body()).isEqualTo(LARGE);
        // 512 KiB at 256 KiB/s is 2 s; allow a burst of a quarter of the body.
        assertThat(elapsed).as("download time; %s", link.statistics())
                .isBetween(Duration.ofMillis(1_500), Duration.ofSeconds(30));
        assertThat(link.statistics().downstream().bytesDelivered()).isGreaterThan(LARGE.length);
    }

    @Test
    void everyRequestPaysTheRoundTrip() throws Exception {
        Duration oneWay = Duration.ofMillis(100);
        link.profile(LinkProfile.builder().latency(Latency.of(oneWay)).build());

        Duration median = Timing.median(3, () -> {
            HttpResponse<String> response = client.send(get("/small.txt", Duration.ofSeconds(10)),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(new String(SMALL, StandardCharsets.US_ASCII));
        });

        assertThat(median).isBetween(oneWay.multipliedBy(2), Duration.ofSeconds(5));
    }

    @Test
    void requestTimeoutFiresWhenTheLinkStallsAndRequestsSucceedAfterwards() throws Exception {
        assertThat(client.send(get("/small.txt", Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);

        FaultHandle stall = link.addFault(Direction.DOWNSTREAM, ConnectionFault.blackhole());
        Duration timeout = Duration.ofMillis(500);
        Timing.Failure failure = Timing.timeFailure(() -> client.send(get("/small.txt", timeout),
                HttpResponse.BodyHandlers.ofString()));

        assertThat(failure.exception()).isInstanceOf(HttpTimeoutException.class);
        assertThat(failure.elapsed()).isBetween(timeout, Duration.ofSeconds(10));
        assertThat(link.statistics().upstream().bytesDelivered()).as("the request itself got through").isPositive();

        stall.remove();
        HttpResponse<String> after = client.send(get("/small.txt", Duration.ofSeconds(5)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
    }

    @Test
    void aResetRightAfterTheResponseHeadersFailsTheBodyOnly() throws Exception {
        link.addFault(Direction.DOWNSTREAM, ConnectionFault.of(Trigger.onMessage(Framer.http1(), 1).afterHead(),
                Effect.resetPeer()));

        HttpResponse<InputStream> response = client.send(get("/large.bin", Duration.ofSeconds(30)),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).as("the headers arrived").isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(LARGE.length);
        try (InputStream body = response.body()) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class)
                    .satisfies(failure -> System.out.println("HttpClient's body after a reset: " + failure));
        }
        assertThat(link.statistics().downstream().bytesDelivered()).as("nothing of the body was delivered")
                .isLessThan(1_000);
    }

    @Test
    void aConnectTimeoutFiresWhileTheLinkStallsAcceptsAndTheNextRequestConnects() throws Exception {
        link.addFault(ConnectionFault.of(Trigger.during(Duration.ofSeconds(3)), Effect.stallAccepts()));
        HttpClient impatient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(300)).executor(executor).build();

        Timing.Failure failure = Timing.timeFailure(() -> impatient.send(get("/small.txt", Duration.ofSeconds(10)),
                HttpResponse.BodyHandlers.ofString()));

        assertThat(failure.exception()).isInstanceOf(HttpConnectTimeoutException.class);
        assertThat(failure.elapsed()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(10));
        // The stall ends after 3 s: a client that waits longer connects at its next SYN retransmission.
        HttpResponse<String> later = client.send(get("/small.txt", Duration.ofSeconds(20)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(later.statusCode()).isEqualTo(200);
    }

    private HttpRequest get(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + link.address().getPort() + path))
                .timeout(timeout)
                .GET()
                .build();
    }

    @SuppressWarnings("unchecked")
    private static HttpResponse<byte[]>[] responseHolder() {
        return new HttpResponse[1];
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(1).nextBytes(bytes);
        return bytes;
    }
}
