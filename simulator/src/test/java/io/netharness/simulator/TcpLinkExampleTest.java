package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example of {@link TcpLink}'s Javadoc, compiled and run. */
class TcpLinkExampleTest {

    @Test
    void theJavadocExampleWorksAsDescribed() throws Exception {
        byte[] request = "GET".getBytes(StandardCharsets.US_ASCII);
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.HOLD)) {
            long start = System.nanoTime();
            // --- as in the Javadoc ---
            try (TcpLink link = TcpLink.builder()
                    .target(server.address())
                    .upstream(LinkProfile.builder().latency(Latency.of(Duration.ofMillis(20))).build())
                    .seed(42)
                    .build()
                    .start();
                    Socket client = new Socket(link.address().getAddress(), link.address().getPort())) {
                client.getOutputStream().write(request); // reaches the server 20 ms later
                FaultHandle reset = link.addFault(Direction.DOWNSTREAM, ConnectionFault.resetPeer(Duration.ofSeconds(1)));
                // a second from now the client's read fails with "Connection reset"
                // --- end of the example ---
                Socket accepted = server.nextConnection();
                accepted.setSoTimeout(10_000);
                assertThat(accepted.getInputStream().readNBytes(3)).isEqualTo(request);
                assertThat(TcpTests.millisSince(start)).isGreaterThanOrEqualTo(20);
                client.setSoTimeout(10_000);
                assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(IOException.class)
                        .hasMessage("Connection reset");
                assertThat(reset.isActive()).isTrue();
            }
        }
    }
}
