package io.netharness.simulator;

import static io.netharness.simulator.TcpTests.connect;
import static io.netharness.simulator.TcpTests.readExactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TcpLink#awaitNoOpenConnections}: what a test waits on after its clients closed. */
class TcpLinkOpenConnectionsTest {

    private LoopbackServer server;
    private TcpLink link;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer(LoopbackServer.ECHO);
        link = TcpLink.builder().target(server.address()).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        link.close();
        server.close();
        assertThat(server.failures()).isEmpty();
    }

    private void echoOnce(Socket client) throws Exception {
        client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
        assertThat(readExactly(client, 4)).asString(StandardCharsets.US_ASCII).isEqualTo("ping");
    }

    @Test
    void aLinkNoConnectionWentThroughHasNoneOpen() throws Exception {
        assertThat(link.awaitNoOpenConnections(Duration.ZERO)).isTrue();
        assertThat(link.awaitNoOpenConnections(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void connectionsClosedByTheirClientsAreAllClosedThroughTheLinkWhenTheWaitReturns() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (Socket client = connect(link.address())) {
                echoOnce(client);
            }
        }
        long start = System.nanoTime();
        assertThat(link.awaitNoOpenConnections(Duration.ofSeconds(10))).isTrue();
        assertThat(link.openConnections()).isZero();
        assertThat(System.nanoTime() - start).as("returns at the last close, not at the timeout")
                .isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(link.statistics().upstream().bytesDelivered()).isEqualTo(12);
    }

    @Test
    void aConnectionLeftOpenIsStillCountedWhenTheWaitEnds() throws Exception {
        try (Socket client = connect(link.address())) {
            echoOnce(client);
            long start = System.nanoTime();
            assertThat(link.awaitNoOpenConnections(Duration.ofMillis(50))).isFalse();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
            assertThat(link.openConnections()).isEqualTo(1);
        }
        assertThat(link.awaitNoOpenConnections(Duration.ofSeconds(10))).as("the connection closes through the link")
                .isTrue();
    }

    @Test
    void anInterruptedWaitThrowsAtOnce() throws Exception {
        try (Socket client = connect(link.address())) {
            echoOnce(client);
            Thread.currentThread().interrupt();
            try {
                long start = System.nanoTime();
                assertThatThrownBy(() -> link.awaitNoOpenConnections(Duration.ofSeconds(10)))
                        .isInstanceOf(InterruptedException.class);
                assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
            } finally {
                Thread.interrupted();
            }
            assertThat(link.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void aNegativeOrMissingTimeoutIsRefused() {
        assertThatThrownBy(() -> link.awaitNoOpenConnections(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.001S")
                .hasMessageContaining("expected: zero or more");
        assertThatThrownBy(() -> link.awaitNoOpenConnections(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("timeout");
    }
}
