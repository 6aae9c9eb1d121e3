package io.netharness.simulator;

import static io.netharness.simulator.TcpTests.await;
import static io.netharness.simulator.TcpTests.connect;
import static io.netharness.simulator.TcpTests.readExactly;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every byte a TCP link reads ends up delivered (accepted by the receiving socket) or dropped under its cause, so
 * the statistics can never say "nothing dropped" when a peer got less than the link read. After close, nothing is
 * in flight and {@code bytesIn == bytesDelivered + bytesDropped()}.
 */
class TcpLinkAccountingTest {

    @Test
    void aCompleteTransferIsDeliveredInFullAndNothingIsInFlightAfterClose() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.ECHO)) {
            TcpLink link = TcpLink.builder().target(server.address()).seed(1).build().start();
            try (Socket client = connect(link.address())) {
                client.getOutputStream().write(new byte[300_000]);
                readExactly(client, 300_000);
            }
            link.close();
            DirectionStatistics up = link.statistics().upstream();
            assertThat(up.bytesIn()).isEqualTo(300_000);
            assertThat(up.bytesDelivered()).isEqualTo(300_000);
            assertThat(up.bytesInFlight()).isZero();
            assertThat(up.droppedBytes()).isEmpty();
            assertAddsUp(link.statistics());
        }
    }

    @Test
    void bytesABlackholeSwallowsAreDroppedForTheFault() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.HOLD)) {
            TcpLink link = TcpLink.builder().target(server.address()).seed(2).build().start();
            link.addFault(Direction.UPSTREAM, ConnectionFault.blackhole());
            try (Socket client = connect(link.address())) {
                client.getOutputStream().write(new byte[5_000]);
                await("the link read the request", () -> link.statistics().upstream().bytesIn() == 5_000);
            }
            link.close();
            DirectionStatistics up = link.statistics().upstream();
            assertThat(up.bytesDropped(DropCause.FAULT)).isEqualTo(5_000);
            assertThat(up.bytesDelivered()).isZero();
            assertAddsUp(link.statistics());
        }
    }

    /**
     * The server sends far more than the client reads, then the client resets: what the link read and could no
     * longer deliver is dropped because the connection ended, and the statistics add up.
     */
    @Test
    void whatALinkHoldsWhenTheReceiverResetsIsDroppedBecauseTheConnectionEnded() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.HOLD)) {
            TcpLink link = TcpLink.builder().target(server.address()).seed(3).build().start();
            Socket client = connect(link.address());
            client.setReceiveBufferSize(4096);
            Socket accepted = server.nextConnection();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = accepted.getOutputStream();
                    for (int i = 0; i < 256; i++) {
                        out.write(new byte[64 * 1024]);
                    }
                } catch (IOException resetByTheLink) {
                    // the link resets the server side once the client has reset
                }
            });
            await("the link holds data it cannot deliver",
                    () -> link.statistics().downstream().bytesInFlight() > 512 * 1024);
            client.setSoLinger(true, 0);
            client.close();
            writer.get(10, TimeUnit.SECONDS);
            link.close();
            DirectionStatistics down = link.statistics().downstream();
            assertThat(down.bytesDropped(DropCause.CONNECTION_ENDED)).isPositive();
            assertThat(down.bytesDelivered()).isLessThan(down.bytesIn());
            assertAddsUp(link.statistics());
        }
    }

    @Test
    void whatAClientSendsToATargetThatRefusesIsDroppedAsTargetUnavailable() throws Exception {
        InetSocketAddress refusing;
        try (ServerSocket closedAgain = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            refusing = (InetSocketAddress) closedAgain.getLocalSocketAddress();
        }
        TcpLink link = TcpLink.builder().target(refusing).seed(4).build().start();
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write(new byte[1_000]);
            client.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            try {
                client.getInputStream().read();
            } catch (IOException resetByTheLink) {
                // the link closes the client once the target refused
            }
        }
        link.close();
        DirectionStatistics up = link.statistics().upstream();
        assertThat(up.bytesIn()).as("bytes the link read before the target refused").isBetween(0L, 1_000L);
        assertThat(up.bytesDropped(DropCause.TARGET_UNAVAILABLE)).isEqualTo(up.bytesIn());
        assertAddsUp(link.statistics());
    }

    private static void assertAddsUp(LinkStatistics statistics) {
        for (DirectionStatistics direction : new DirectionStatistics[] {statistics.upstream(), statistics.downstream()}) {
            assertThat(direction.bytesInFlight()).as("bytes in flight after close: " + direction).isZero();
            assertThat(direction.bytesDelivered() + direction.bytesDropped()).as("delivered + dropped: " + direction)
                    .isEqualTo(direction.bytesIn());
        }
    }
}
