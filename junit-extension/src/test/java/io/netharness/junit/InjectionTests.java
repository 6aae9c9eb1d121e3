package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.core.servers.HarnessServer;
import io.netharness.core.servers.ServerKind;
import io.netharness.simulator.Direction;
import io.netharness.simulator.TcpLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The extension as users meet it: fields and parameters, every kind of target, traffic through the link. */
class InjectionTests {

    @InProcessServer(ServerKind.ECHO)
    static HarnessServer echo;

    @SimulatedLink(targetServer = "echo", latency = "5ms")
    static TcpLink sharedLink;

    @InProcessServer(ServerKind.SINK)
    HarnessServer sink;

    @SimulatedLink(targetServer = "sink")
    TcpLink toSink;

    @SimulatedLink(targetServer = "echo", upstream = @Profile(latency = "2ms"))
    TcpLink perTest;

    private TcpLink seenInBeforeEach;

    private static TcpLink fromBeforeAll;

    @BeforeAll
    static void beforeAll(@SimulatedLink(targetServer = "echo", latency = "3ms") TcpLink classLink) {
        fromBeforeAll = classLink;
    }

    @BeforeEach
    void before(@SimulatedLink(targetServer = "echo") TcpLink link) {
        seenInBeforeEach = link;
    }

    @Test
    void staticFieldLinkLeadsToTheStaticServer() throws IOException {
        assertThat(sharedLink.target()).isEqualTo(echo.address());
        assertThat(Clients.roundTrip(sharedLink.address(), "hello")).isEqualTo("hello");
        assertThat(sharedLink.profile(Direction.UPSTREAM).latency().base()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void instanceFieldLinkLeadsToTheInstanceServer() throws IOException, InterruptedException {
        assertThat(toSink.target()).isEqualTo(sink.address());
        try (Socket client = Clients.connect(toSink.address())) {
            client.getOutputStream().write("into the sink".getBytes(StandardCharsets.UTF_8));
            assertThat(sink.awaitReceived(text -> text.equals("into the sink"), Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void profileOverridesApplyToOneDirection() {
        assertThat(perTest.profile(Direction.UPSTREAM).latency().base()).isEqualTo(Duration.ofMillis(2));
        assertThat(perTest.profile(Direction.DOWNSTREAM).latency().base()).isZero();
    }

    @Test
    void parameterLinkToParameterServer(@InProcessServer(name = "local") HarnessServer local,
            @SimulatedLink(targetServer = "local") TcpLink link) throws IOException {
        assertThat(link.target()).isEqualTo(local.address());
        assertThat(Clients.roundTrip(link.address(), "ping")).isEqualTo("ping");
    }

    @Test
    void linkResolvedBeforeItsServerParameterStillSharesIt(
            @SimulatedLink(targetServer = "linkResolvedBeforeItsServerParameterStillSharesIt[1]") TcpLink link,
            @InProcessServer InetSocketAddress late) throws IOException { // a server parameter's default name
        assertThat(link.target()).isEqualTo(late);
        assertThat(Clients.roundTrip(link.address(), "order")).isEqualTo("order");
    }

    @Test
    void beforeAllParameterLivesForTheClass(Network network) throws IOException {
        assertThat(network.link("beforeAll[0]")).as("a parameter link is named by its method and position")
                .isSameAs(fromBeforeAll);
        assertThat(Clients.roundTrip(fromBeforeAll.address(), "class")).isEqualTo("class");
    }

    @Test
    void beforeEachParameterIsTheTestsOwn() throws IOException {
        assertThat(seenInBeforeEach.target()).isEqualTo(echo.address());
        assertThat(Clients.roundTrip(seenInBeforeEach.address(), "x")).isEqualTo("x");
    }

    @Test
    void fixedTargets(@SimulatedLink(target = "127.0.0.1:9") TcpLink v4, @SimulatedLink(target = "[::1]:9") TcpLink v6) {
        // Nothing listens there: a link connects to its target only when a client connects to it.
        assertThat(v4.target()).isEqualTo(new InetSocketAddress("127.0.0.1", 9));
        assertThat(v6.target()).isEqualTo(new InetSocketAddress("::1", 9));
        assertThat(v4.address().getAddress().isLoopbackAddress()).isTrue();
    }

    static int runtimePort() {
        return echo.port();
    }

    @Test
    void targetFromMethodSuppliesThePortAtRunTime(@SimulatedLink(targetMethod = "runtimePort") TcpLink link)
            throws IOException {
        assertThat(link.target()).isEqualTo(new InetSocketAddress("127.0.0.1", echo.port()));
        assertThat(Clients.roundTrip(link.address(), "late bound")).isEqualTo("late bound");
    }
}
