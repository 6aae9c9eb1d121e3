package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.core.Chunk;
import io.netharness.core.Component;
import io.netharness.core.StreamComponent;
import io.netharness.core.servers.HarnessServer;
import io.netharness.core.servers.ServerKind;
import io.netharness.core.tcp.ConnectionInfo;
import io.netharness.core.tcp.ProtocolFactory;
import io.netharness.simulator.TcpLink;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Servers served by the user's protocol handlers, and targets supplied at run time through configuration. */
class TargetsAndHandlersTests {

    /** A user's protocol: answers every chunk in upper case. */
    public static final class Upper implements ProtocolFactory {
        @Override
        public Component<Chunk, Chunk> create(ConnectionInfo connection) {
            return StreamComponent.map("upper", chunk -> Chunk.ofUtf8(chunk.toUtf8().toUpperCase(Locale.ROOT)));
        }
    }

    static ProtocolFactory reversing() {
        return info -> StreamComponent.map("reverse",
                chunk -> Chunk.ofUtf8(new StringBuilder(chunk.toUtf8()).reverse().toString()));
    }

    @InProcessServer(value = ServerKind.HANDLER, handler = Upper.class)
    HarnessServer upper;

    @InProcessServer(value = ServerKind.HANDLER, handlerMethod = "reversing", name = "reverser")
    static HarnessServer reverse;

    @Test
    void handlerClassServesEveryConnection(@SimulatedLink(targetServer = "upper") TcpLink link) throws IOException {
        assertThat(Clients.roundTrip(link.address(), "shout")).isEqualTo("SHOUT");
        assertThat(upper.kind()).isEqualTo(ServerKind.HANDLER);
    }

    @Test
    void handlerMethodAndExplicitName(@SimulatedLink(targetServer = "reverser") TcpLink link) throws IOException {
        assertThat(Clients.roundTrip(link.address(), "abc")).isEqualTo("cba");
    }

    @Test
    void targetFromAConfigurationParameter() throws IOException {
        try (HarnessServer echo = HarnessServer.echo().start()) {
            EngineExecutionResults results = TestKit.run(FromProperty.class,
                    Map.of("netharness.test.target", "127.0.0.1:" + echo.port(),
                            "netharness.test.port", Integer.toString(echo.port())));
            results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        }
    }

    // ---- fixture, run only through TestKit ----

    static class FromProperty {
        @SimulatedLink(targetProperty = "netharness.test.target") TcpLink byAddress;
        @SimulatedLink(targetProperty = "netharness.test.port") TcpLink byPort;

        @Test
        void test() throws IOException {
            assertThat(byAddress.target()).isEqualTo(byPort.target());
            assertThat(Clients.roundTrip(byAddress.address(), "configured")).isEqualTo("configured");
            assertThat(Clients.roundTrip(byPort.address(), "port")).isEqualTo("port");
        }
    }
}
