package io.netharness.it.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.it.support.ContainerLinks;
import io.netharness.it.support.HttpGet;
import io.netharness.it.support.RequiresDocker;
import io.netharness.it.support.TestImages;
import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.CutMode;
import io.netharness.simulator.Direction;
import io.netharness.simulator.FaultHandle;
import io.netharness.simulator.TcpLink;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Testcontainers' instance lifecycle: {@code @Container} on an instance field starts a fresh container for every
 * test, and each test puts a fresh link in front of it. The container image is built by the test itself from the
 * local busybox image.
 */
@RequiresDocker
@Testcontainers
class InstanceContainerBehindLinkTest {

    private static final int HTTP = 8080;
    private static final String BODY = "built by the test\n";
    private static final Set<String> seenContainers = ConcurrentHashMap.newKeySet();

    @Container
    final GenericContainer<?> httpd = new GenericContainer<>(TestImages.httpdServing(BODY))
            .withExposedPorts(HTTP)
            .waitingFor(Wait.forHttp("/index.html").forPort(HTTP));

    private TcpLink link;
    private HttpGet http;

    @BeforeEach
    void linkToThisTestsContainer() {
        assertThat(seenContainers.add(httpd.getContainerId())).as("a new container for every test").isTrue();
        link = ContainerLinks.to(httpd, HTTP).seed(9).build().start();
        http = new HttpGet();
    }

    @AfterEach
    void closeTheLink() throws InterruptedException {
        link.close();
        http.close();
    }

    @Test
    void resetOnTheLinkFailsTheRequestAndTheNextOneSucceeds() throws Exception {
        assertThat(http.body(link.address(), "/index.html", Duration.ofSeconds(5))).isEqualTo(BODY);

        FaultHandle reset = link.addFault(Direction.DOWNSTREAM, ConnectionFault.resetPeer(Duration.ZERO));
        assertThatThrownBy(() -> http.body(link.address(), "/index.html", Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class);

        reset.remove();
        assertThat(http.body(link.address(), "/index.html", Duration.ofSeconds(5))).isEqualTo(BODY);
    }

    @Test
    void cutLinkRefusesConnectionsUntilHealed() throws Exception {
        link.cut(CutMode.DROP_EXISTING);
        assertThatThrownBy(() -> http.body(link.address(), "/index.html", Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class);
        assertThat(httpd.isRunning()).isTrue();

        link.heal();
        assertThat(http.body(link.address(), "/index.html", Duration.ofSeconds(5))).isEqualTo(BODY);
    }
}
