package io.netharness.simulator;

import static io.netharness.simulator.TcpTests.await;
import static io.netharness.simulator.TcpTests.awaitEnd;
import static io.netharness.simulator.TcpTests.connect;
import static io.netharness.simulator.TcpTests.millisSince;
import static io.netharness.simulator.TcpTests.readExactly;
import static io.netharness.simulator.TcpTests.readToEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Effects on connections under each kind of trigger, over real loopback sockets. */
class TcpLinkTriggersTest {

    private LoopbackServer server;
    private TcpLink link;

    private void start(LoopbackServer.Behaviour behaviour, TcpLink.Builder builder) throws IOException {
        server = new LoopbackServer(behaviour);
        link = builder.target(server.address()).seed(17).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close(); // fails if the link's byte accounting does not add up
        }
        if (server != null) {
            server.close();
            assertThat(server.failures()).isEmpty();
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** One byte there and back; returns the round trip in milliseconds. */
    private static double roundTrip(Socket client, int value) throws IOException {
        long start = System.nanoTime();
        client.getOutputStream().write(value);
        assertThat(client.getInputStream().read()).isEqualTo(value);
        return millisSince(start);
    }

    @Test
    void aResetAfterBytesDeliversExactlyThoseBytesThenResets() throws Exception {
        start(LoopbackServer.ECHO, TcpLink.builder()
                .fault(Direction.DOWNSTREAM, ConnectionFault.of(Trigger.afterBytes(5), Effect.resetPeer())));
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write(ascii("0123456789"));
            assertThat(readExactly(client, 5)).isEqualTo(ascii("01234"));
            assertThat(awaitEnd(client)).isEqualTo("Connection reset");
        }
        assertThat(link.statistics().downstream().bytesDelivered()).isEqualTo(5);
        assertThat(link.statistics().downstream().bytesDropped(DropCause.FAULT)).isEqualTo(5);
    }

    @Test
    void aHangDuringItsWindowHoldsTheDataThenDeliversItInOrder() throws Exception {
        start(LoopbackServer.ECHO, TcpLink.builder());
        try (Socket client = connect(link.address())) {
            roundTrip(client, 1);
            long start = System.nanoTime();
            link.addFault(Direction.UPSTREAM, ConnectionFault.of(Trigger.during(Duration.ofMillis(1_500)), Effect.hang()));
            client.getOutputStream().write(ascii("held"));
            client.setSoTimeout(200);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            client.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
            assertThat(readExactly(client, 4)).isEqualTo(ascii("held"));
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(1_500);
        }
    }

    @Test
    void onConnectionActsOnThatConnectionOnly() throws Exception {
        start(LoopbackServer.ECHO, TcpLink.builder()
                .fault(Direction.UPSTREAM, ConnectionFault.of(Trigger.onConnection(2), Effect.blackhole())));
        List<String> seen = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            try (Socket client = connect(link.address())) {
                client.getOutputStream().write('x');
                // Long enough for an echo on a machine loaded by a parallel suite (300 ms was missed there once).
                client.setSoTimeout(2_000);
                try {
                    seen.add(client.getInputStream().read() == 'x' ? "echo" : "eof");
                } catch (SocketTimeoutException swallowed) {
                    seen.add("silence");
                }
            }
        }
        assertThat(seen).containsExactly("echo", "silence", "echo");
    }

    @Test
    void connectionsOpenedBackToBackAreNumberedInAcceptOrder() throws Exception {
        // Accepted connections go to the link's two event loops in turn; the numbers must still follow accept order.
        start(LoopbackServer.ECHO, TcpLink.builder()
                .fault(Direction.DOWNSTREAM, ConnectionFault.of(Trigger.onConnection(3), Effect.resetPeer())));
        for (int round = 0; round < 4; round++) {
            List<Socket> clients = new ArrayList<>();
            String[] ends = new String[4];
            try {
                for (int i = 0; i < 4; i++) {
                    try {
                        clients.add(connect(link.address()));
                    } catch (IOException e) { // the reset comes at once: it may beat the client's connect()
                        clients.add(null);
                        ends[i] = String.valueOf(e.getMessage()).contains("reset") ? "reset" : e.getMessage();
                    }
                }
                for (int i = 0; i < 4; i++) {
                    Socket client = clients.get(i);
                    if (client == null) {
                        continue;
                    }
                    try {
                        client.getOutputStream().write('x');
                        ends[i] = client.getInputStream().read() == 'x' ? "echo" : "eof";
                    } catch (IOException e) {
                        ends[i] = String.valueOf(e.getMessage()).contains("reset") ? "reset" : e.getMessage();
                    }
                }
                assertThat(ends).as("round %d", round).containsExactly(round == 0
                        ? new String[] {"echo", "echo", "reset", "echo"} : new String[] {"echo", "echo", "echo", "echo"});
            } finally {
                for (Socket client : clients) {
                    if (client != null) {
                        client.close();
                    }
                }
            }
        }
    }

    @Test
    void aFaultWithoutDirectionResetsBothPeers() throws Exception {
        start(LoopbackServer.HOLD, TcpLink.builder());
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write('!');
            Socket accepted = server.nextConnection();
            accepted.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
            assertThat(accepted.getInputStream().read()).isEqualTo('!');
            link.addFault(ConnectionFault.of(Trigger.after(Duration.ofMillis(50)), Effect.resetPeer()));
            assertThat(awaitEnd(client)).isEqualTo("Connection reset");
            assertThat(awaitEnd(accepted)).isEqualTo("Connection reset");
        }
    }

    @Test
    void aCloseAtATimeDeliversWhatTheLinkHeldThenClosesBothWays() throws Exception {
        start(LoopbackServer.HOLD, TcpLink.builder()
                .downstream(LinkProfile.builder().latency(Latency.of(Duration.ofMillis(150))).build()));
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write('!');
            Socket accepted = server.nextConnection();
            accepted.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
            assertThat(accepted.getInputStream().read()).isEqualTo('!');
            accepted.getOutputStream().write(ascii("last words"));
            await("the link holds the reply", () -> link.statistics().downstream().bytesIn() == 10);
            link.addFault(Direction.DOWNSTREAM, ConnectionFault.of(Trigger.onConnect(), Effect.close()));
            assertThat(readToEnd(client)).isEqualTo(ascii("last words"));
            assertThat(awaitEnd(accepted)).isEqualTo("eof");
        }
    }

    @Test
    void aProfileChangeShapesTheConnectionOnlyWhileItsWindowIsOpen() throws Exception {
        start(LoopbackServer.ECHO, TcpLink.builder());
        try (Socket client = connect(link.address())) {
            roundTrip(client, 0);
            FaultHandle slow = link.addFault(Direction.DOWNSTREAM, ConnectionFault.of(Trigger.during(
                    Duration.ofSeconds(2)), Effect.profile(LinkProfile.builder().latency(Latency.of(
                    Duration.ofMillis(200))).build())));
            assertThat(roundTrip(client, 1)).as("round trip while the profile change is in force")
                    .isGreaterThanOrEqualTo(200);
            await("the window closed", () -> !isSlow(client));
            slow.remove();
        }
    }

    /** True if the fastest of five round trips still takes 150 ms or more. */
    private static boolean isSlow(Socket client) {
        try {
            double fastest = Double.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                fastest = Math.min(fastest, roundTrip(client, 2 + i));
            }
            return fastest >= 150;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void flappingHangsEachConnectionOnItsOwnClockAndLosesNothing() throws Exception {
        start(LoopbackServer.ECHO, TcpLink.builder().fault(Direction.UPSTREAM, ConnectionFault.of(
                Trigger.flapping(Duration.ofMillis(150), Duration.ofMillis(150)), Effect.hang())));
        try (Socket client = connect(link.address())) {
            long start = System.nanoTime();
            double slowest = 0;
            int rounds = 0;
            while (millisSince(start) < 1_000 && rounds < 1_000) {
                slowest = Math.max(slowest, roundTrip(client, rounds & 0xff));
                rounds++;
            }
            System.out.printf("flapping hang 150/150 ms: %d round trips in 1 s, slowest %.0f ms%n", rounds, slowest);
            assertThat(slowest).as("a round trip caught in a down phase").isGreaterThanOrEqualTo(50);
            assertThat(link.statistics().upstream().bytesDropped()).isZero();
        }
    }
}
