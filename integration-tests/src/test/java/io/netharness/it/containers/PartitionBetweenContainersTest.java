package io.netharness.it.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.it.support.ContainerLinks;
import io.netharness.it.support.HttpGet;
import io.netharness.it.support.RequiresDocker;
import io.netharness.it.support.TestImages;
import io.netharness.simulator.CutMode;
import io.netharness.simulator.TcpLink;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Two containers, each behind its own link: cutting one link partitions the client from that container only,
 * and healing brings it back, while the other stays reachable throughout.
 */
@RequiresDocker
@Testcontainers
class PartitionBetweenContainersTest {

    private static final int HTTP = 8080;

    @Container
    static final GenericContainer<?> east = httpd(TestImages.httpdServing("east\n"));

    @Container
    static final GenericContainer<?> west = httpd(TestImages.httpdServing("west\n"));

    private static TcpLink toEast;
    private static TcpLink toWest;
    private static HttpGet http;

    @BeforeAll
    static void linkToBoth() {
        toEast = ContainerLinks.to(east, HTTP).seed(1).build().start();
        toWest = ContainerLinks.to(west, HTTP).seed(2).build().start();
        http = new HttpGet();
    }

    @AfterAll
    static void closeLinks() throws InterruptedException {
        if (http != null) {
            toEast.close();
            toWest.close();
            http.close();
        }
    }

    @Test
    void cuttingOneContainersLinkPartitionsItFromTheOther() throws Exception {
        assertThat(get(toEast)).isEqualTo("east\n");
        assertThat(get(toWest)).isEqualTo("west\n");

        toWest.cut(CutMode.DROP_EXISTING);
        try {
            assertThat(get(toEast)).as("east, on the client's side of the partition").isEqualTo("east\n");
            assertThatThrownBy(() -> get(toWest)).as("west, across the partition").isInstanceOf(IOException.class);
            assertThat(west.isRunning()).as("west itself keeps running").isTrue();
        } finally {
            toWest.heal();
        }

        assertThat(get(toWest)).isEqualTo("west\n");
        assertThat(get(toEast)).isEqualTo("east\n");
    }

    private static String get(TcpLink link) throws IOException, InterruptedException {
        return http.body(link.address(), "/index.html", Duration.ofSeconds(5));
    }

    private static GenericContainer<?> httpd(org.testcontainers.images.builder.ImageFromDockerfile image) {
        return new GenericContainer<>(image)
                .withExposedPorts(HTTP)
                .waitingFor(Wait.forHttp("/index.html").forPort(HTTP));
    }
}
