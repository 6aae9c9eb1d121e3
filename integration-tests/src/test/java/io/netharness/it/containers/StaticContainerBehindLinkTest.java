package io.netharness.it.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.it.support.ContainerLinks;
import io.netharness.it.support.HttpGet;
import io.netharness.it.support.RequiresDocker;
import io.netharness.it.support.TestImages;
import io.netharness.it.support.Timing;
import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.Direction;
import io.netharness.simulator.FaultHandle;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Testcontainers' static lifecycle: one container for the class (started by {@code @Container} on a static field)
 * and one link in front of its mapped port, created once the container runs and closed after the class.
 */
@RequiresDocker
@Testcontainers
class StaticContainerBehindLinkTest {

    private static final int HTTP = 8080;

    @Container
    static final GenericContainer<?> httpd = new GenericContainer<>(TestImages.busybox())
            .withCommand("httpd", "-f", "-p", Integer.toString(HTTP), "-h", "/www")
            .withExposedPorts(HTTP)
            .waitingFor(Wait.forHttp("/index.html").forPort(HTTP));

    private static final Set<String> containerIds = ConcurrentHashMap.newKeySet();
    private static TcpLink link;
    private static HttpGet http;

    @BeforeAll
    static void linkToTheContainer() {
        link = ContainerLinks.to(httpd, HTTP).seed(5).build().start();
        http = new HttpGet();
    }

    @AfterEach
    void restoreTheLink() {
        containerIds.add(httpd.getContainerId());
        link.faults().forEach(FaultHandle::remove);
        link.profile(LinkProfile.PERFECT);
    }

    @AfterAll
    static void closeTheLink() throws InterruptedException {
        if (link != null) {
            link.close();
            http.close();
        }
        assertThat(containerIds).as("one container for the whole class").hasSize(1);
    }

    @Test
    void requestsToTheContainerPayTheLinksLatency() throws Exception {
        Duration oneWay = Duration.ofMillis(80);
        link.profile(LinkProfile.builder().latency(Latency.of(oneWay)).build());
        String[] body = new String[1];

        Duration elapsed = Timing.time(() -> body[0] = http.body(link.address(), "/index.html", Duration.ofSeconds(10)));

        assertThat(body[0]).isEqualTo("hello from netharness/busybox\n");
        assertThat(elapsed).isBetween(oneWay.multipliedBy(2), Duration.ofSeconds(10));
    }

    @Test
    void requestTimesOutWhileTheLinkSwallowsTheRequest() throws Exception {
        // Upstream: busybox httpd answers and closes at once, and a blackhole passes the close on (the client
        // would read an early end of stream, not a stall); a swallowed request leaves it waiting instead.
        link.addFault(Direction.UPSTREAM, ConnectionFault.blackhole());
        Duration timeout = Duration.ofMillis(400);

        Timing.Failure failure = Timing.timeFailure(() -> http.client().send(
                HttpGet.request(link.address(), "/index.html", timeout), HttpResponse.BodyHandlers.ofString()));

        assertThat(failure.exception()).isInstanceOf(HttpTimeoutException.class);
        assertThat(failure.elapsed()).isBetween(timeout, Duration.ofSeconds(10));
        assertThat(httpd.isRunning()).as("the container itself is fine").isTrue();
    }

    @Test
    void directPathToTheContainerStaysUnimpaired() throws Exception {
        link.addFault(Direction.DOWNSTREAM, ConnectionFault.blackhole());
        java.net.InetSocketAddress direct = new java.net.InetSocketAddress(httpd.getHost(), httpd.getMappedPort(HTTP));

        assertThat(http.body(direct, "/index.html", Duration.ofSeconds(5))).isEqualTo("hello from netharness/busybox\n");
    }
}
