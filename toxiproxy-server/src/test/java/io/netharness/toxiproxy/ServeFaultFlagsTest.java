package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.toxiproxy.internal.cli.LinkFlag;
import io.netharness.toxiproxy.internal.cli.ServeOptions;
import io.netharness.toxiproxy.internal.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code serve --fault} and {@code --refuse-while-upstream-refuses}: fault toxics of a link, from its start. */
class ServeFaultFlagsTest {

    @RegisterExtension
    static final EchoPerClass ECHO = new EchoPerClass();

    @Test
    void aFaultFlagBecomesAFaultToxicWithItsTrigger() {
        LinkFlag link = ServeOptions.parse("--link", "db=127.0.0.1:0->127.0.0.1:5432",
                "--fault", "down:reset after 2s", "--fault", "cut up 200ms down 100ms jitter 20ms",
                "--fault", "hang", "--fault", "up:message_delay delay=1s message 3 framer resp",
                "--refuse-while-upstream-refuses").links().get(0);

        assertThat(link.toxicBodies()).containsExactly(
                "{\"name\":\"reset_downstream\",\"type\":\"reset\",\"stream\":\"downstream\",\"attributes\":{},"
                        + "\"trigger\":{\"after\":2000}}",
                "{\"name\":\"cut\",\"type\":\"cut\",\"stream\":\"upstream\",\"attributes\":{},"
                        + "\"trigger\":{\"up\":200,\"down\":100,\"jitter\":20}}",
                "{\"name\":\"hang_upstream\",\"type\":\"hang\",\"stream\":\"upstream\",\"attributes\":{}}",
                "{\"name\":\"hang_downstream\",\"type\":\"hang\",\"stream\":\"downstream\",\"attributes\":{}}",
                "{\"name\":\"message_delay_upstream\",\"type\":\"message_delay\",\"stream\":\"upstream\","
                        + "\"attributes\":{\"delay\":1000},\"trigger\":{\"message\":3,\"framer\":\"resp\"}}");
        assertThat(link.proxyConfig().refuseWhileUpstreamRefuses()).isTrue();
        assertThat(link.proxyConfig().toxics()).hasSize(5);
    }

    @Test
    void badFaultFlagsNameTheFieldAndTheExpectedValue() {
        assertThatThrownBy(() -> ServeOptions.parse("--fault", "hang")).isInstanceOf(UsageException.class)
                .hasMessage("--fault must follow the --link it shapes");
        assertThatThrownBy(() -> ServeOptions.parse("--link", "a=127.0.0.1:0->x:1", "--fault", "reset after soon"))
                .hasMessage("--fault after: soon (expected: a duration such as 20ms, 1.5s or 250us)");
        assertThatThrownBy(() -> ServeOptions.parse("--link", "a=127.0.0.1:0->x:1", "--fault", "reset after"))
                .hasMessageStartingWith("--fault: after needs a value");
        assertThatThrownBy(() -> ServeOptions.parse("--link", "a=127.0.0.1:0->x:1", "--fault", "reset soon 1"))
                .hasMessageStartingWith("--fault: soon (expected: a trigger field: after, until,");
        Output errors = new Output();
        int code = ServerCommandLine.run(new String[] {"--no-api", "--link", "a=127.0.0.1:0->" + ECHO.get().hostPort(),
                "--fault", "message_drop"}, new Output().stream, errors.stream);
        assertThat(code).isEqualTo(ServerCommandLine.USAGE_ERROR);
        assertThat(errors.text()).isEqualTo("serve: --link a: bad request body: toxics[0]: trigger.message: missing"
                + " (expected: message or matching, with a framer: a message_drop toxic acts on whole messages)\n");
    }

    @Test
    void aLinkWithoutTheApiResetsAfterItsFaultsTime() throws Exception {
        try (ServerCommandLine.Running running = ServerCommandLine.start(new String[] {"--no-api", "--stats-interval", "0",
                "--link", "echo=127.0.0.1:0->" + ECHO.get().hostPort(), "--fault", "down:reset after 300ms"},
                new Output().stream);
                Socket client = RoundTrips.connect(running.linkAddress("echo").orElseThrow())) {
            long start = System.nanoTime();
            client.getOutputStream().write('a');
            assertThat(client.getInputStream().read()).isEqualTo('a');
            InputStream in = client.getInputStream();
            assertThatThrownBy(() -> in.read()).hasMessageContaining("Connection reset");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        }
    }

    @Test
    void aRefusingLinkNeverAcceptsAConnection() throws Exception {
        try (ServerCommandLine.Running running = ServerCommandLine.start(new String[] {"--no-api", "--stats-interval", "0",
                "--link", "echo=127.0.0.1:0->" + ECHO.get().hostPort(), "--fault", "refuse"}, new Output().stream);
                Socket client = new Socket()) {
            String listen = running.linkAddress("echo").orElseThrow();
            int colon = listen.lastIndexOf(':');
            InetSocketAddress address = new InetSocketAddress(listen.substring(0, colon),
                    Integer.parseInt(listen.substring(colon + 1)));
            assertThatThrownBy(() -> client.connect(address, 5_000)).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("Connection refused");
        }
    }

    /** Collects what the command prints. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
