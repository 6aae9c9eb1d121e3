package io.netharness.it.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.it.support.HttpGet;
import io.netharness.it.support.RequiresDocker;
import io.netharness.it.support.TestImages;
import io.netharness.it.support.Timing;
import io.netharness.junit.Network;
import io.netharness.junit.SimulatedLink;
import io.netharness.simulator.TcpLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The annotation form: {@code @SimulatedLink(targetMethod = ...)} puts links in front of containers' mapped ports.
 * A static link lives as long as the static containers (the class); an instance link is new for every test.
 * {@code @Testcontainers} comes first on the class, so the containers run before NetHarness asks for their ports.
 */
@RequiresDocker
@Testcontainers
class AnnotatedLinksToContainersTest {

    private static final int HTTP = 8080;
    private static final Duration ONE_WAY = Duration.ofMillis(60);
    private static final Set<Integer> instanceLinkPorts = ConcurrentHashMap.newKeySet();

    @Container
    static final GenericContainer<?> north = httpd("north\n");

    @Container
    static final GenericContainer<?> south = httpd("south\n");

    @SimulatedLink(targetMethod = "northAddress", latency = "60ms", seed = "17")
    static TcpLink slowToNorth;

    @SimulatedLink(targetMethod = "southAddress")
    TcpLink toSouth;

    private static HttpGet http;

    static InetSocketAddress northAddress() {
        return new InetSocketAddress(north.getHost(), north.getMappedPort(HTTP));
    }

    static InetSocketAddress southAddress() {
        return new InetSocketAddress(south.getHost(), south.getMappedPort(HTTP));
    }

    @BeforeAll
    static void startClient() {
        http = new HttpGet();
    }

    @AfterAll
    static void closeClient() throws InterruptedException {
        if (http != null) {
            http.close();
        }
    }

    @Test
    void staticLinkAddsItsLatencyToTheClassContainer() throws Exception {
        String[] body = new String[1];
        Duration elapsed = Timing.time(() -> body[0] = http.body(slowToNorth.address(), "/index.html",
                Duration.ofSeconds(10)));

        assertThat(body[0]).isEqualTo("north\n");
        assertThat(elapsed).isBetween(ONE_WAY.multipliedBy(2), Duration.ofSeconds(10));
        assertThat(slowToNorth.seed()).isEqualTo(17);
    }

    @Test
    void instanceLinkIsNewForEveryTest() throws Exception {
        assertThat(instanceLinkPorts.add(toSouth.address().getPort())).as("a link of its own").isTrue();
        assertThat(http.body(toSouth.address(), "/index.html", Duration.ofSeconds(5))).isEqualTo("south\n");
    }

    @Test
    void partitionCutsOneContainerOffAndHealBringsItBack(Network network) throws Exception {
        assertThat(instanceLinkPorts.add(toSouth.address().getPort())).as("a link of its own").isTrue();
        assertThat(http.body(toSouth.address(), "/index.html", Duration.ofSeconds(5))).isEqualTo("south\n");

        network.cut("toSouth");
        try {
            assertThatThrownBy(() -> http.body(toSouth.address(), "/index.html", Duration.ofSeconds(5)))
                    .as("south, across the partition").isInstanceOf(IOException.class);
            assertThat(http.body(slowToNorth.address(), "/index.html", Duration.ofSeconds(10)))
                    .as("north, on this side").isEqualTo("north\n");
        } finally {
            network.heal();
        }
        assertThat(http.body(toSouth.address(), "/index.html", Duration.ofSeconds(5))).isEqualTo("south\n");
    }

    private static GenericContainer<?> httpd(String body) {
        return new GenericContainer<>(TestImages.httpdServing(body))
                .withExposedPorts(HTTP)
                .waitingFor(Wait.forHttp("/index.html").forPort(HTTP));
    }
}
