package io.netharness.junit;

import static io.netharness.junit.assertj.NetHarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.TcpLink;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The usage example of the module README; {@link ReadmeTests} checks that the README shows exactly this. */
// README-BEGIN
class ExampleTests {

    @InProcessServer(ServerKind.ECHO)
    static HarnessServer echo;                       // one echo server for the whole class

    @SimulatedLink(targetServer = "echo", latency = "20ms", jitter = "5ms", bandwidth = "1MB/s")
    TcpLink link;                                    // a fresh link to it for every test

    @Test
    void echoesThroughASlowLink() throws IOException {
        try (Socket client = new Socket()) {
            client.setSoTimeout(10_000);
            client.connect(link.address());          // the code under test talks to the link
            client.getOutputStream().write("hello".getBytes());
            assertThat(client.getInputStream().readNBytes(5)).asString().isEqualTo("hello");
        }
        assertThat(echo).receivedWithin(Duration.ofSeconds(5), "hello");
        assertThat(link).upstream().hasDroppedNothing()
                .hasMeanDelayBetween(Duration.ofMillis(15), Duration.ofSeconds(5));
    }

    @Test
    void survivesAnOutage(Network network,
            @SimulatedLink(targetServer = "echo", loss = 0.01) TcpLink second) throws IOException {
        network.isolate("echo");                     // cuts every link to the server "echo"
        assertThat(link).isCut();
        network.heal();
        assertThat(Clients.roundTrip(second.address(), "back")).isEqualTo("back");
    }
}
// README-END
