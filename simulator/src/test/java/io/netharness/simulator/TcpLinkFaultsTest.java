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
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each {@link ConnectionFault} and link cut, over real loopback sockets, with its observable effect. */
class TcpLinkFaultsTest extends HeldServerLinkTest {

    @Test
    void cutRefusesNewConnectionsWithAResetAndHoldsExistingOnesUntilHealed() throws Exception {
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            link.cut();
            assertThat(link.isCut()).isTrue();
            assertThat(link.toString()).endsWith(", cut}");

            try (Socket refused = connect(link.address())) {
                assertThat(awaitEnd(refused)).isEqualTo("Connection reset");
            }

            // Nothing crosses a cut link: the bytes stay with the sender, as on a dead path.
            client.getOutputStream().write(ascii("held"));
            accepted.setSoTimeout(200);
            assertThatThrownBy(() -> accepted.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(link.statistics().upstream().bytesDelivered()).isEqualTo(1);
            accepted.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());

            link.heal();
            assertThat(link.isCut()).isFalse();
            assertThat(readExactly(accepted, 4)).isEqualTo(ascii("held"));
            try (Socket later = connect(link.address())) {
                Socket acceptedLater = established(later);
                assertThat(acceptedLater.isConnected()).isTrue();
            }
        }
    }

    @Test
    void cutDroppingExistingResetsOpenConnections() throws Exception {
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            link.cut(CutMode.DROP_EXISTING);
            assertThat(awaitEnd(client)).isEqualTo("Connection reset");
            assertThat(awaitEnd(accepted)).isEqualTo("Connection reset");
            await("the dropped connection is forgotten", () -> link.openConnections() == 0);
        }
    }

    @Test
    void blackholeReadsButNeverDeliversUntilRemoved() throws Exception {
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            FaultHandle blackhole = link.addFault(Direction.UPSTREAM, ConnectionFault.blackhole());
            assertThat(link.faults()).containsExactly(blackhole);

            client.getOutputStream().write(new byte[100_000]);
            await("the link has read everything sent", () -> link.statistics().upstream().bytesIn() == 100_001);
            assertThat(accepted.getInputStream().available()).as("bytes delivered through a blackhole").isZero();

            blackhole.remove();
            assertThat(blackhole.isActive()).isFalse();
            assertThat(link.faults()).isEmpty();
            client.getOutputStream().write(ascii("after"));
            assertThat(readExactly(accepted, 5)).isEqualTo(ascii("after"));
            assertThat(link.statistics().upstream().bytesDelivered()).isEqualTo(6);
        }
    }

    @Test
    void aBlackholedDirectionHoldsTheSendersCloseUntilRemovedThenPassesIt() throws Exception {
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            FaultHandle blackhole = link.addFault(Direction.DOWNSTREAM, ConnectionFault.blackhole());

            accepted.getOutputStream().write(ascii("reply"));
            accepted.close();
            await("the link has read the reply", () -> link.statistics().downstream().bytesIn() == 5);
            client.setSoTimeout(300);
            assertThatThrownBy(() -> client.getInputStream().read())
                    .as("neither data nor end of stream through a blackhole")
                    .isInstanceOf(SocketTimeoutException.class);

            blackhole.remove();
            client.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
            assertThat(readToEnd(client)).as("the swallowed reply stays gone; the held close follows").isEmpty();
            client.shutdownOutput();
            await("the finished connection is forgotten", () -> link.openConnections() == 0);
        }
    }

    @Test
    void resetPeerResetsTheReceiverAfterTheDelayAndClosesTheOtherSide() throws Exception {
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            long start = System.nanoTime();
            link.addFault(Direction.DOWNSTREAM, ConnectionFault.resetPeer(Duration.ofMillis(200)));

            assertThat(awaitEnd(client)).isEqualTo("Connection reset");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(200);
            assertThat(awaitEnd(accepted)).isEqualTo("eof");
        }
    }

    @Test
    void resetPeerAddedBeforeConnectingStartsItsTimerOnAccept() throws Exception {
        link.addFault(Direction.UPSTREAM, ConnectionFault.resetPeer(Duration.ofMillis(300)));
        long start = System.nanoTime();
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            assertThat(awaitEnd(accepted)).isEqualTo("Connection reset");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(300);
            assertThat(awaitEnd(client)).isEqualTo("eof");
        }
    }

    @Test
    void aRemovedResetPeerNeverFires() throws Exception {
        link.profile(LinkProfile.builder().latency(Latency.of(Duration.ofMillis(10))).build());
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            FaultHandle reset = link.addFault(Direction.DOWNSTREAM, ConnectionFault.resetPeer(Duration.ofMillis(100)));
            reset.remove();
            // Ping-pong through 10 ms each way until well past the reset's time: the connection stays up.
            long start = System.nanoTime();
            for (int i = 0; i < 100 && millisSince(start) < 300; i++) {
                accepted.getOutputStream().write(i);
                assertThat(client.getInputStream().read()).isEqualTo(i);
            }
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(300);
            assertThat(link.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void slowCloseDeliversTheDataThenClosesAfterTheDelay() throws Exception {
        link.addFault(Direction.DOWNSTREAM, ConnectionFault.slowClose(Duration.ofMillis(300)));
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            accepted.getOutputStream().write(ascii("bye"));
            long closed = System.nanoTime();
            accepted.shutdownOutput();

            assertThat(readExactly(client, 3)).isEqualTo(ascii("bye"));
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            assertThat(millisSince(closed)).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void limitDataDeliversExactlyTheLimitThenClosesTheConnection() throws Exception {
        link.addFault(Direction.UPSTREAM, ConnectionFault.limitData(1000));
        byte[] data = new byte[5000];
        new SplittableRandom(5).nextBytes(data);
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write(data, 0, 1);
            Socket accepted = server.nextConnection();
            accepted.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
            try {
                client.getOutputStream().write(data, 1, data.length - 1);
            } catch (IOException closedMeanwhile) {
                // the link may already have closed the connection; what arrived is what counts
            }
            assertThat(readToEnd(accepted)).isEqualTo(Arrays.copyOf(data, 1000));
            assertThat(awaitEnd(client)).isIn("eof", "Connection reset");
            assertThat(link.statistics().upstream().bytesDelivered()).isEqualTo(1000);
        }
    }

    @Test
    void slicerDeliversSmallWritesWithTheDelayBetweenThem() throws Exception {
        link.addFault(Direction.DOWNSTREAM, ConnectionFault.slicer(100, 0, Duration.ofMillis(10)));
        byte[] data = new byte[1000];
        new SplittableRandom(6).nextBytes(data);
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            long start = System.nanoTime();
            accepted.getOutputStream().write(data);

            byte[] received = new byte[data.length];
            int reads = 0;
            for (int at = 0; at < data.length; reads++) {
                int n = client.getInputStream().read(received, at, data.length - at);
                assertThat(n).as("bytes read").isPositive();
                at += n;
            }
            double elapsed = millisSince(start);
            assertThat(received).isEqualTo(data);
            System.out.printf("slicer 100 B / 10 ms: 1000 bytes in %d reads over %.1f ms%n", reads, elapsed);
            // At least ten slices of at most 100 bytes; a read chunk boundary may save one gap.
            assertThat(link.statistics().downstream().delivered()).isGreaterThanOrEqualTo(10);
            assertThat(elapsed).isGreaterThanOrEqualTo(80);
        }
    }

    @Test
    void timeoutStopsTheDataAndClosesTheConnectionAfterTheTimeout() throws Exception {
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            long start = System.nanoTime();
            link.addFault(Direction.UPSTREAM, ConnectionFault.timeout(Duration.ofMillis(300)));
            client.getOutputStream().write(ascii("lost"));

            assertThat(readToEnd(accepted)).as("data after the timeout fault").isEmpty();
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(300);
            assertThat(awaitEnd(client)).isEqualTo("eof");
        }
    }

    @Test
    void timeoutZeroDiscardsDataButNeverClosesUntilRemoved() throws Exception {
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            FaultHandle timeout = link.addFault(Direction.UPSTREAM, ConnectionFault.timeout(Duration.ZERO));
            client.getOutputStream().write(ascii("lost"));
            await("the link has read the discarded bytes", () -> link.statistics().upstream().bytesIn() == 5);
            assertThat(link.openConnections()).isEqualTo(1);

            timeout.remove();
            client.getOutputStream().write(ascii("kept"));
            assertThat(readExactly(accepted, 4)).isEqualTo(ascii("kept"));
        }
    }

    @Test
    void aFaultWithToxicityZeroAffectsNoConnection() throws Exception {
        link.addFault(Direction.UPSTREAM, ConnectionFault.blackhole(), 0.0);
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            client.getOutputStream().write(ascii("through"));
            assertThat(readExactly(accepted, 7)).isEqualTo(ascii("through"));
        }
    }

    @Test
    void toxicityPicksAboutThatShareOfConnectionsTheSameWayForTheSameSeed() throws Exception {
        // Which connection a fault picks depends only on the seed, the fault and the connection number.
        assertThat(pickedConnections(11)).isEqualTo(pickedConnections(11));
        String picked = pickedConnections(11);
        long count = picked.chars().filter(c -> c == '1').count();
        assertThat(count).as("connections picked of " + picked.length() + ": " + picked).isBetween(4L, 16L);
    }

    /** Opens 20 connections through a link with a 50% blackhole; '1' for each one whose data vanished. */
    private String pickedConnections(long seed) throws Exception {
        StringBuilder picked = new StringBuilder();
        try (LoopbackServer echo = new LoopbackServer(LoopbackServer.ECHO);
                TcpLink tossUp = TcpLink.builder().target(echo.address()).seed(seed).build().start()) {
            tossUp.addFault(Direction.DOWNSTREAM, ConnectionFault.blackhole(), 0.5);
            for (int i = 0; i < 20; i++) {
                try (Socket client = connect(tossUp.address())) {
                    DirectionStatistics before = tossUp.statistics().downstream();
                    client.getOutputStream().write(ascii("ping"));
                    await("the link delivered or discarded the echo", () -> {
                        DirectionStatistics now = tossUp.statistics().downstream();
                        return now.bytesDelivered() == before.bytesDelivered() + 4 || now.dropped() > before.dropped();
                    });
                    boolean swallowed = tossUp.statistics().downstream().dropped() > before.dropped();
                    picked.append(swallowed ? '1' : '0');
                }
            }
        }
        return picked.toString();
    }

    @Test
    void aResetByTheTargetReachesTheClientAsAReset() throws Exception {
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            accepted.setSoLinger(true, 0);
            accepted.close();
            assertThat(awaitEnd(client)).isEqualTo("Connection reset");
        }
    }

    @Test
    void aHalfCloseIsPassedOnAndTheOtherDirectionStaysOpen() throws Exception {
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            client.getOutputStream().write(ascii("last"));
            client.shutdownOutput();
            assertThat(readToEnd(accepted)).isEqualTo(ascii("last"));

            accepted.getOutputStream().write(ascii("reply"));
            accepted.shutdownOutput();
            assertThat(readToEnd(client)).isEqualTo(ascii("reply"));
            await("the finished connection is forgotten", () -> link.openConnections() == 0);
        }
    }

    @Test
    void aClientOfALinkWhoseTargetIsDownIsClosedAtOnce() throws Exception {
        int deadPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        try (TcpLink dead = TcpLink.to(deadPort).start(); Socket client = connect(dead.address())) {
            long start = System.nanoTime();
            assertThat(awaitEnd(client)).isIn("eof", "Connection reset");
            assertThat(millisSince(start)).isLessThan(5_000);
            await("the refused connection is forgotten", () -> dead.openConnections() == 0);
        }
    }

    @Test
    void writesIntoAClosedConnectionAreReleased() throws Exception {
        // limitData 0 closes on the first byte; the rest of a large write is dropped, without leaks.
        link.addFault(Direction.UPSTREAM, ConnectionFault.limitData(0));
        try (Socket client = connect(link.address())) {
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    for (int i = 0; i < 64; i++) {
                        out.write(new byte[64 * 1024]);
                    }
                } catch (IOException expected) {
                    // the link closed the connection
                }
            });
            assertThat(awaitEnd(client)).isIn("eof", "Connection reset");
            writing.get(10, TimeUnit.SECONDS);
            assertThat(link.statistics().upstream().bytesDelivered()).isZero();
        }
    }
}
