package io.netharness.simulator;

import static io.netharness.simulator.TcpTests.await;
import static io.netharness.simulator.TcpTests.awaitEnd;
import static io.netharness.simulator.TcpTests.connect;
import static io.netharness.simulator.TcpTests.millisSince;
import static io.netharness.simulator.TcpTests.readExactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.core.ComponentFailedException;
import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Per-connection profiles ({@link TcpLink#profiles}): connections of one link impaired differently, chosen by
 * index, with a bandwidth of their own. Isolated from other test classes, whose load would blur the timing.
 */
@Isolated
class TcpLinkConnectionProfilesTest {

    private static final LinkProfile SLOW = LinkProfile.builder().latency(Latency.of(Duration.ofMillis(60))).build();
    private static final int BURST = 50_000;

    /** The fastest of three 8-byte round trips through an echo, in milliseconds. */
    private static double fastestRoundTrip(Socket client) throws IOException {
        double fastest = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            byte[] ping = {1, 2, 3, 4, 5, 6, 7, (byte) i};
            long start = System.nanoTime();
            client.getOutputStream().write(ping);
            assertThat(readExactly(client, ping.length)).isEqualTo(ping);
            fastest = Math.min(fastest, millisSince(start));
        }
        return fastest;
    }

    /**
     * Opens {@code n} connections one after another, each used for a round trip before the next is opened: accepted
     * connections are numbered on their event loops, so only this makes accept order the order of the list.
     */
    private static List<Socket> connectInOrder(TcpLink link, int n) throws IOException {
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket client = connect(link.address());
            clients.add(client);
            fastestRoundTrip(client);
        }
        return clients;
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void eachConnectionGetsTheProfileChosenForItsIndexOpenOrFuture() throws Exception {
        try (LoopbackServer echo = new LoopbackServer(LoopbackServer.ECHO);
                TcpLink link = TcpLink.builder().target(echo.address()).seed(11).build().start()) {
            List<Socket> clients = connectInOrder(link, 2);
            try {
                link.profiles(Direction.UPSTREAM, index -> index % 2 == 1 ? SLOW : LinkProfile.PERFECT);
                clients.addAll(connectInOrder(link, 2)); // connections 2 (even: unimpaired) and 3 (odd: slow)

                assertThat(fastestRoundTrip(clients.get(0))).as("connection 0, ms").isLessThan(50.0);
                assertThat(fastestRoundTrip(clients.get(1))).as("connection 1, ms").isGreaterThanOrEqualTo(60.0);
                assertThat(fastestRoundTrip(clients.get(2))).as("connection 2, ms").isLessThan(50.0);
                assertThat(fastestRoundTrip(clients.get(3))).as("connection 3, ms").isGreaterThanOrEqualTo(60.0);
                assertThat(link.profile(Direction.UPSTREAM)).as("the profile connection 4 will get")
                        .isEqualTo(LinkProfile.PERFECT);
                assertThat(link.profile(Direction.DOWNSTREAM)).isEqualTo(LinkProfile.PERFECT);

                link.profile(Direction.UPSTREAM, LinkProfile.PERFECT);
                for (Socket client : clients) {
                    assertThat(fastestRoundTrip(client)).as("after a link-wide profile, ms").isLessThan(50.0);
                }
            } finally {
                closeAll(clients);
            }
        }
    }

    @Test
    void perConnectionBandwidthLimitsEachConnectionSeparatelyWhileALinkWideOneIsShared() throws Exception {
        LinkProfile capped = LinkProfile.builder().bandwidth(Bandwidth.ofBytesPerSecond(100_000)).build();
        try (LoopbackServer sink = new LoopbackServer(socket -> {
                    socket.getInputStream().readNBytes(BURST);
                    socket.getOutputStream().write(1); // received in full
                });
                TcpLink link = TcpLink.builder().target(sink.address()).seed(12).build().start()) {
            link.profiles(Direction.UPSTREAM, index -> capped);
            double[] own = sendConcurrently(link, 3);
            System.out.printf("3 x 50 kB, 100 kB/s per connection: %.0f, %.0f, %.0f ms%n", own[0], own[1], own[2]);
            for (double millis : own) {
                assertThat(millis).as("50 kB at its own 100 kB/s, ms").isBetween(480.0, 1_200.0);
            }

            link.profile(Direction.UPSTREAM, capped);
            double[] shared = sendConcurrently(link, 3);
            double last = Math.max(shared[0], Math.max(shared[1], shared[2]));
            System.out.printf("3 x 50 kB, 100 kB/s shared: %.0f, %.0f, %.0f ms%n", shared[0], shared[1], shared[2]);
            assertThat(last).as("150 kB through one shared 100 kB/s bottleneck, ms").isGreaterThanOrEqualTo(1_450.0);
        }
    }

    /** Sends {@link #BURST} bytes on each of {@code n} new connections at once; returns each one's time to the ack. */
    private static double[] sendConcurrently(TcpLink link, int n) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(n);
        try {
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    clients.add(connect(link.address()));
                }
                long start = System.nanoTime();
                List<Future<Double>> times = new ArrayList<>();
                for (Socket client : clients) {
                    times.add(senders.submit(() -> {
                        client.getOutputStream().write(new byte[BURST]);
                        InputStream in = client.getInputStream();
                        assertThat(in.read()).as("the sink's acknowledgement").isEqualTo(1);
                        return millisSince(start);
                    }));
                }
                double[] millis = new double[n];
                for (int i = 0; i < n; i++) {
                    millis[i] = times.get(i).get(10, TimeUnit.SECONDS);
                }
                return millis;
            } finally {
                closeAll(clients);
            }
        } finally {
            senders.shutdownNow();
            assertThat(senders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aSelectionThatGivesNoProfileIsRefusedWhereItIsInstalled() throws Exception {
        try (LoopbackServer echo = new LoopbackServer(LoopbackServer.ECHO);
                TcpLink link = TcpLink.builder().target(echo.address()).seed(13).upstream(SLOW).build().start()) {
            assertThatThrownBy(() -> link.profiles(Direction.UPSTREAM, index -> null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("no profile for connection 0")
                    .hasMessageContaining("LinkProfile.PERFECT");
            assertThatThrownBy(() -> link.profiles(Direction.UPSTREAM, null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("selection");
            assertThat(link.profile(Direction.UPSTREAM)).as("the profile in force before").isEqualTo(SLOW);
        }
    }

    /** The failure resets that connection only, and the link's close() throws it (it is not only logged). */
    @Test
    void aSelectionThatFailsForOneConnectionClosesOnlyThatConnection() throws Exception {
        try (LoopbackServer echo = new LoopbackServer(LoopbackServer.ECHO)) {
            TcpLink link = TcpLink.builder().target(echo.address()).seed(14).build().start();
            link.profiles(Direction.UPSTREAM, index -> {
                if (index == 1) {
                    throw new IllegalStateException("no profile for connection 1 in this test");
                }
                return LinkProfile.PERFECT;
            });
            List<Socket> clients = connectInOrder(link, 1);
            try (Socket failing = connect(link.address())) {
                failing.getOutputStream().write(new byte[] {42});
                assertThat(awaitEnd(failing)).as("how connection 1 ended").isNotNull();
                clients.add(connect(link.address()));
                assertThat(fastestRoundTrip(clients.get(0))).as("connection 0 still works, ms").isLessThan(50.0);
                assertThat(fastestRoundTrip(clients.get(1))).as("connection 2 works, ms").isLessThan(50.0);
                await("only the two good connections are open", () -> link.openConnections() == 2);
            } finally {
                closeAll(clients);
            }
            assertThatThrownBy(link::close)
                    .isInstanceOf(ComponentFailedException.class)
                    .hasMessageStartingWith("TCP link to " + echo.address() + " (connection #1 ")
                    .hasRootCauseMessage("no profile for connection 1 in this test");
        }
    }
}
