package io.netharness.simulator;

import static io.netharness.simulator.CutMode.DROP_EXISTING;
import static io.netharness.simulator.CutMode.KEEP_EXISTING;
import static io.netharness.simulator.Direction.DOWNSTREAM;
import static io.netharness.simulator.Direction.UPSTREAM;
import static io.netharness.simulator.TcpTests.await;
import static io.netharness.simulator.TcpTests.awaitEnd;
import static io.netharness.simulator.TcpTests.connect;
import static io.netharness.simulator.TcpTests.millisSince;
import static io.netharness.simulator.TcpTests.readExactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.time.Duration.ofMillis;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Toxiproxy's users keep asking for and a proxy with static toxics cannot express, each as one line (the line
 * marked {@code // the request}) and what a client then sees.
 */
class ToxiproxyRequestsTest {

    private LoopbackServer server;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer(LoopbackServer.ECHO);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static Socket established(InetSocketAddress address) throws IOException {
        Socket client = connect(address);
        client.getOutputStream().write('!');
        assertThat(client.getInputStream().read()).isEqualTo('!');
        return client;
    }

    /** Toxiproxy #195: pass traffic for N ms, then cut. */
    @Test
    void passTrafficForAWhileThenCut() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address()).build().start();
                Socket client = established(link.address())) {
            long start = System.nanoTime();
            link.addFault(ConnectionFault.of(Trigger.after(ofMillis(300)), Effect.cut(DROP_EXISTING))); // the request
            assertThat(awaitEnd(client)).isEqualTo("Connection reset");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(300);
            assertThat(link.isCut()).isTrue();
        }
    }

    /** Toxiproxy #149: flap up and down. */
    @Test
    void flapUpAndDown() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address()).build().start()) {
            link.addFault(ConnectionFault.of(Trigger.flapping(ofMillis(200), ofMillis(200)), Effect.cut(KEEP_EXISTING)));
            // ^ the request
            await("the first down phase", link::isCut);
            await("the next up phase", () -> !link.isCut());
            await("down again", link::isCut);
        }
    }

    /** Toxiproxy #265: refuse connections while the service is down. */
    @Test
    void refuseConnectionsWhileTheServiceIsDown() throws Exception {
        int port = server.port();
        server.close();
        try (TcpLink link = TcpLink.builder().target(port).refuseWhileTargetRefuses().build().start()) { // the request
            assertThatThrownBy(() -> new Socket().connect(link.address(), 5_000)).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("Connection refused");
        }
    }

    /** Toxiproxy #123: slow accepts. */
    @Test
    void acceptSlowly() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address())
                .fault(ConnectionFault.acceptDelay(Duration.ofSeconds(3))).build().start(); // the request
                Socket client = new Socket()) {
            assertThatThrownBy(() -> client.connect(link.address(), 300)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    /** Toxiproxy #132 and #404: act on the Nth request, or a matching message, in either direction. */
    @Test
    void actOnTheNthRequestOrAMatchingMessageInEitherDirection() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address()).build().start()) {
            link.addFault(UPSTREAM, ConnectionFault.of(Trigger.onMessage(Framer.lines(), 2), Effect.drop())); // request
            link.addFault(DOWNSTREAM, ConnectionFault.of(Trigger.onMessage(Framer.lines(), m -> m.text().contains("bad")),
                    Effect.drop())); // ^ the request, one statement
            try (Socket client = connect(link.address())) {
                client.getOutputStream().write(ascii("first\nsecond\nthird\nbad one\nlast\n"));
                assertThat(readExactly(client, 17)).isEqualTo(ascii("first\nthird\nlast\n"));
            }
        }
    }

    /** Toxiproxy #148 and #79: a proxy with its toxics, atomically, in force from the first byte. */
    @Test
    void toxicsInForceFromTheFirstByte() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address())
                .fault(DOWNSTREAM, ConnectionFault.limitData(3)).build().start(); // the request
                Socket client = connect(link.address())) {
            client.getOutputStream().write(ascii("hello"));
            assertThat(TcpTests.readToEnd(client)).as("the first connection's first bytes").isEqualTo(ascii("hel"));
        }
    }
}
