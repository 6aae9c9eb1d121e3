package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the fault tests: a {@link TcpLink} (seed 7) in front of a {@link LoopbackServer} that holds every
 * connection it accepts, so a test sees each fault's effect from both ends. The server must have failed nothing.
 */
abstract class HeldServerLinkTest {

    LoopbackServer server;
    TcpLink link;

    @BeforeEach
    void startServerAndLink() throws IOException {
        server = new LoopbackServer(LoopbackServer.HOLD);
        link = TcpLink.builder().target(server.address()).seed(7).build().start();
    }

    @AfterEach
    void stopServerAndLink() throws Exception {
        link.close();
        server.close();
        assertThat(server.failures()).isEmpty();
    }

    /** Connects a client through the link and returns the server's end once a first byte crossed. */
    Socket established(Socket client) throws Exception {
        client.getOutputStream().write('!');
        Socket accepted = server.nextConnection();
        accepted.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
        assertThat(accepted.getInputStream().read()).isEqualTo('!');
        return accepted;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
