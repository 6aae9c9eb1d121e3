package io.netharness.simulator;

import static io.netharness.simulator.TcpTests.await;
import static io.netharness.simulator.TcpTests.awaitEnd;
import static io.netharness.simulator.TcpTests.connect;
import static io.netharness.simulator.TcpTests.millisSince;
import static io.netharness.simulator.TcpTests.readExactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link Effect.ToxiproxyTimeout} and {@link Effect.ToxiproxyResetPeer}: Toxiproxy's timing
 * (timers started or restarted by data), what they swallow, and how the connection ends (FIN or RST), over real
 * loopback sockets.
 */
class TcpLinkToxiproxyFaultsTest extends HeldServerLinkTest {

    @Test
    void timeoutRestartsItsTimerOnEveryChunkAndClosesOnceTheSenderIsQuiet() throws Exception {
        // A machine that stalls this thread past the timeout between two bytes makes an attempt inconclusive (the
        // close is then right); three such attempts in a row fail the test.
        for (int attempt = 1; !chatterOutlastsTheTimeout(Duration.ofMillis(1_000)); attempt++) {
            assertThat(attempt).as("attempts stalled longer than the timeout").isLessThan(3);
        }
    }

    /**
     * On a new connection with a {@link Effect.ToxiproxyTimeout}, sends a byte every 100 ms for twice the
     * timeout (each restarts the timer), then waits for the close: true if the connection stayed open throughout and
     * closed at least the timeout after the last byte, false if it closed after a gap of at least the timeout between
     * two bytes (inconclusive); fails on an early close without such a gap.
     */
    private boolean chatterOutlastsTheTimeout(Duration timeout) throws Exception {
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            FaultHandle fault = link.addFault(Direction.UPSTREAM, ConnectionFault.toxiproxyTimeout(timeout));
            long lastWrite = System.nanoTime();
            long longestGap = 0;
            try {
                for (int i = 0; i < 2 * timeout.toMillis() / 100; i++) {
                    long now = System.nanoTime();
                    longestGap = Math.max(longestGap, (now - lastWrite) / 1_000_000);
                    lastWrite = now;
                    client.getOutputStream().write('x');
                    accepted.setSoTimeout(100);
                    try {
                        int got = accepted.getInputStream().read();
                        assertThat(got).as("the fault swallows the bytes; -1 is a close").isEqualTo(-1);
                    } catch (SocketTimeoutException swallowed) {
                        continue; // as expected: nothing arrives
                    }
                    assertThat(longestGap).as("the connection closed during the chatter; longest gap between bytes, ms")
                            .isGreaterThanOrEqualTo(timeout.toMillis());
                    return false;
                }
                assertThat(link.openConnections()).as("still open after the chatter").isEqualTo(1);
                accepted.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
                assertThat(awaitEnd(client)).isEqualTo("eof");
                assertThat(millisSince(lastWrite)).as("ms from the last byte to the close")
                        .isGreaterThanOrEqualTo(timeout.toMillis());
                assertThat(awaitEnd(accepted)).isEqualTo("eof");
                return true;
            } finally {
                fault.remove(); // closes the connection if still open: a removed Toxiproxy timeout does that
            }
        }
    }

    @Test
    void removingATimeoutClosesEveryOpenConnectionEvenOnesItsToxicitySkipped() throws Exception {
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            FaultHandle timeout = link.addFault(Direction.UPSTREAM, ConnectionFault.toxiproxyTimeout(Duration.ZERO),
                    0.0);
            client.getOutputStream().write(ascii("kept"));
            assertThat(readExactly(accepted, 4)).as("toxicity 0: data flows").isEqualTo(ascii("kept"));

            timeout.remove();

            assertThat(awaitEnd(client)).isEqualTo("eof");
            assertThat(awaitEnd(accepted)).isEqualTo("eof");
        }
    }

    @Test
    void resetPeerWaitsForDataSwallowsItAndThenResetsBothPeers() throws Exception {
        link.addFault(Direction.UPSTREAM, ConnectionFault.toxiproxyResetPeer(Duration.ofMillis(200)));
        try (Socket client = connect(link.address())) {
            Socket accepted = server.nextConnection();
            accepted.setSoTimeout(400);
            assertThatThrownBy(() -> accepted.getInputStream().read()).as("an idle connection is never reset")
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(link.openConnections()).isEqualTo(1);

            long start = System.nanoTime();
            client.getOutputStream().write(ascii("hello"));

            accepted.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
            assertThat(awaitEnd(accepted)).as("the data is swallowed, then a reset").isEqualTo("Connection reset");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(200);
            assertThat(awaitEnd(client)).as("the other peer is reset too").isEqualTo("Connection reset");
            assertThat(link.statistics().upstream().bytesDelivered()).isZero();
        }
    }

    @Test
    void aResetPeerItsToxicitySkipsStillMakesEveryCloseAReset() throws Exception {
        link.addFault(Direction.UPSTREAM, ConnectionFault.toxiproxyResetPeer(Duration.ZERO), 0.0);
        link.addFault(Direction.DOWNSTREAM, ConnectionFault.limitData(3));
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            accepted.getOutputStream().write(ascii("hello"));

            assertThat(readExactly(client, 3)).isEqualTo(ascii("hel"));
            assertThat(awaitEnd(client)).as("limit_data's close, as Toxiproxy sends it").isEqualTo("Connection reset");
        }
    }

    @Test
    void aResetPeerAddedToAnOpenConnectionEndsItWithAFin() throws Exception {
        try (Socket client = connect(link.address())) {
            Socket accepted = established(client);
            link.addFault(Direction.DOWNSTREAM, ConnectionFault.toxiproxyResetPeer(Duration.ofMillis(50)));
            accepted.getOutputStream().write(ascii("swallowed"));

            assertThat(awaitEnd(client)).isEqualTo("eof");
            assertThat(awaitEnd(accepted)).isEqualTo("eof");
            await("the connection is forgotten", () -> link.openConnections() == 0);
            assertThat(link.statistics().downstream().bytesDelivered()).isZero();
        }
    }

    @Test
    void theEndOfTheStreamStartsTheResetTimerAsDataDoes() throws Exception {
        link.addFault(Direction.UPSTREAM, ConnectionFault.toxiproxyResetPeer(Duration.ofMillis(100)));
        try (Socket client = connect(link.address())) {
            Socket accepted = server.nextConnection();
            accepted.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
            client.shutdownOutput();

            assertThat(awaitEnd(accepted)).isEqualTo("Connection reset");
        }
    }

    @Test
    void negativeDurationsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> ConnectionFault.toxiproxyTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("toxiproxyTimeout.timeout: -1ms (expected: >= 0)");
        assertThatThrownBy(() -> ConnectionFault.toxiproxyResetPeer(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("toxiproxyResetPeer.timeout: -1ms (expected: >= 0)");
    }
}
