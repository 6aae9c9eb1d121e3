package io.netharness.simulator;

import static io.netharness.simulator.TcpTests.await;
import static io.netharness.simulator.TcpTests.connect;
import static io.netharness.simulator.TcpTests.millisSince;
import static io.netharness.simulator.TcpTests.readExactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults at connection set-up, as a client's connect() sees them: refused, stalled, accepted then hung. */
class TcpLinkSetUpFaultsTest {

    private LoopbackServer server;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer(LoopbackServer.ECHO);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        assertThat(server.failures()).isEmpty();
    }

    private static Socket connectWithin(InetSocketAddress address, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
            socket.connect(address, (int) timeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static void echoes(InetSocketAddress address) throws IOException {
        try (Socket client = connect(address)) {
            client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(readExactly(client, 4), StandardCharsets.US_ASCII)).isEqualTo("ping");
        }
    }

    @Test
    void aRefusingLinkFromItsBuilderNeverListensUntilTheFaultIsRemovedThenListensOnTheSamePort() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address()).fault(ConnectionFault.refuse()).build()
                .start()) {
            InetSocketAddress address = link.address();
            long start = System.nanoTime();
            assertThatThrownBy(() -> connectWithin(address, Duration.ofSeconds(5)).close())
                    .isInstanceOf(ConnectException.class).hasMessageContaining("Connection refused");
            assertThat(millisSince(start)).as("a refusal is immediate").isLessThan(1_000);
            assertThatThrownBy(() -> {
                try (Socket other = new Socket()) {
                    other.setReuseAddress(false);
                    other.bind(address);
                }
            }).as("the port stays the link's while it refuses").isInstanceOf(java.net.BindException.class);

            link.faults().get(0).remove();
            echoes(address);
            assertThat(link.address()).isEqualTo(address);
        }
    }

    @Test
    void refusalAddedAtRunTimeLeavesOpenConnectionsAloneAndEndsWithItsWindow() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address()).seed(3).build().start();
                Socket open = connect(link.address())) {
            open.getOutputStream().write('a');
            assertThat(open.getInputStream().read()).isEqualTo('a');

            link.addFault(ConnectionFault.of(Trigger.during(Duration.ofSeconds(2)), Effect.refuse()));
            assertThatThrownBy(() -> connectWithin(link.address(), Duration.ofSeconds(5)).close())
                    .isInstanceOf(ConnectException.class).hasMessageContaining("Connection refused");
            open.getOutputStream().write('b');
            assertThat(open.getInputStream().read()).as("a refusal does not touch open connections").isEqualTo('b');

            await("the refusal's window closed and the link listens", () -> {
                try {
                    connectWithin(link.address(), Duration.ofSeconds(1)).close();
                    return true;
                } catch (IOException refused) {
                    return false;
                }
            });
            echoes(link.address());
        }
    }

    @Test
    void aRefusalIsInForceWhenAddFaultReturnsAndGoneWhenRemoveReturns() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address()).build().start()) {
            for (int round = 0; round < 20; round++) {
                FaultHandle refusal = link.addFault(ConnectionFault.refuse());
                assertThatThrownBy(() -> connectWithin(link.address(), Duration.ofSeconds(5)).close())
                        .as("round %d", round).isInstanceOf(ConnectException.class);
                refusal.remove();
                connectWithin(link.address(), Duration.ofSeconds(5)).close();
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the copy is held open for what it does to the kernel's socket, not used
    void aRefusalHoldsWhileAChildProcessBeingSpawnedHoldsACopyOfTheListeningSocket() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address()).build().start();
             ListeningSocketCopy inherited = ListeningSocketCopy.of(link.address().getPort())) {
            FaultHandle refusal = link.addFault(ConnectionFault.refuse());

            assertThatThrownBy(() -> connectWithin(link.address(), Duration.ofSeconds(5)).close())
                    .as("closing the link's descriptor alone would leave the copy listening")
                    .isInstanceOf(ConnectException.class);
            refusal.remove();
            echoes(link.address());
        }
    }

    @Test
    void anAcceptDelayStallsConnectsSoAShortConnectTimeoutFiresAndALongOneWaits() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address())
                .fault(ConnectionFault.acceptDelay(Duration.ofSeconds(3))).build().start()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> connectWithin(link.address(), Duration.ofMillis(300)).close())
                    .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("Connect timed out");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(300);

            long patient = System.nanoTime();
            try (Socket client = connectWithin(link.address(), Duration.ofSeconds(10))) {
                double waited = millisSince(patient);
                double sinceStart = millisSince(start);
                System.out.printf("accept delay 3000 ms: connect() returned after %.0f ms (%.0f ms from the start)%n",
                        waited, sinceStart);
                assertThat(sinceStart).as("connected only once the delay was over").isGreaterThanOrEqualTo(3_000);
                client.getOutputStream().write('x');
                assertThat(client.getInputStream().read()).isEqualTo('x');
            }
            assertThat(link.openConnections()).as("plugs are not connections").isLessThanOrEqualTo(1);
            assertThat(link.statistics().upstream().bytesIn()).isEqualTo(1);
        }
    }

    @Test
    void aStallAddedAtRunTimeStallsTheNextConnectUntilItEnds() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address()).build().start()) {
            echoes(link.address());
            FaultHandle stall = link.addFault(ConnectionFault.of(Trigger.onConnect(), Effect.stallAccepts()));
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> connectWithin(link.address(), Duration.ofMillis(200)).close())
                        .as("attempt %d while stalled", i).isInstanceOf(SocketTimeoutException.class);
            }
            stall.remove();
            echoes(link.address());
        }
    }

    @Test
    void acceptThenHangAcceptsButNothingCrossesUntilRemoved() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address()).fault(ConnectionFault.acceptThenHang())
                .build().start(); Socket client = connect(link.address())) {
            client.getOutputStream().write("held".getBytes(StandardCharsets.US_ASCII));
            client.setSoTimeout(300);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(link.statistics().upstream().bytesDelivered()).isZero();
            assertThat(link.openConnections()).isEqualTo(1);

            link.faults().get(0).remove();
            client.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
            assertThat(new String(readExactly(client, 4), StandardCharsets.US_ASCII)).isEqualTo("held");
        }
    }

    @Test
    void aLinkThatMirrorsItsTargetRefusesWhileTheTargetIsDownAndListensOnceItIsUp() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (TcpLink link = TcpLink.builder().target(port).refuseWhileTargetRefuses(Duration.ofMillis(20)).build()
                .start()) {
            assertThatThrownBy(() -> connectWithin(link.address(), Duration.ofSeconds(5)).close())
                    .as("the target is down from the start").isInstanceOf(ConnectException.class)
                    .hasMessageContaining("Connection refused");
            try (ServerSocket target = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
                await("the link found its target up", () -> {
                    try {
                        connectWithin(link.address(), Duration.ofSeconds(1)).close();
                        return true;
                    } catch (IOException refused) {
                        return false;
                    }
                });
                target.accept().close(); // the probe's or the check's connection
            }
            // Down again: the first client finds out (it is reset), the next ones are refused.
            await("the link refuses again", () -> {
                try (Socket client = connectWithin(link.address(), Duration.ofSeconds(1))) {
                    client.setSoTimeout(2_000);
                    client.getInputStream().read();
                    return false;
                } catch (ConnectException refused) {
                    return true;
                } catch (IOException reset) {
                    return false;
                }
            });
        }
    }

    @Test
    void aLinkThatMirrorsATargetGivenUnresolvedRefusesFromTheStart() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // Unresolved, as the Toxiproxy server passes upstreams (looked up at each connection); a literal, no DNS.
        InetSocketAddress target = InetSocketAddress.createUnresolved("127.0.0.1", port);
        try (TcpLink link = TcpLink.builder().target(target).refuseWhileTargetRefuses().build().start()) {
            assertThatThrownBy(() -> connectWithin(link.address(), Duration.ofSeconds(5)).close())
                    .isInstanceOf(ConnectException.class).hasMessageContaining("Connection refused");
        }
    }

    @Test
    void aFaultCutDropsConnectionsAndHealsWithItsWindowApartFromTheCallersCut() throws Exception {
        try (TcpLink link = TcpLink.builder().target(server.address()).seed(9).build().start();
                Socket client = connect(link.address())) {
            client.getOutputStream().write('a');
            assertThat(client.getInputStream().read()).isEqualTo('a');
            FaultHandle window = link.addFault(ConnectionFault.of(
                    Trigger.between(Duration.ofMillis(100), Duration.ofMillis(1_600)), Effect.cut(CutMode.DROP_EXISTING)));
            assertThat(TcpTests.awaitEnd(client)).isEqualTo("Connection reset");
            assertThat(link.isCut()).isTrue();
            link.heal(); // the caller's heal does not end the fault's cut
            assertThat(link.isCut()).isTrue();
            await("the fault's window closed", () -> !link.isCut());
            echoes(link.address());
            window.remove();
            assertThat(link.isCut()).isFalse();
        }
    }
}
