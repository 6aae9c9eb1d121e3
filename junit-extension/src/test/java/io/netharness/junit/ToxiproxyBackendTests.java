package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.netharness.core.servers.HarnessServer;
import io.netharness.simulator.TcpLink;
import io.netharness.toxiproxy.ToxiproxyLink;
import io.netharness.toxiproxy.ToxiproxyServer;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * The configuration parameter {@code netharness.toxiproxy}: {@code @SimulatedLink}s declared as
 * {@link io.netharness.simulator.Link} become proxies on a Toxiproxy server, through toxiproxy-java, and
 * those declared as {@link ToxiproxyLink} must. No real Toxiproxy can be
 * installed on this project's machines, so the server here is NetHarness's own Toxiproxy-compatible one; the link
 * side only speaks Toxiproxy's HTTP API through toxiproxy-java.
 */
@Isolated("fixtures record into one shared map")
class ToxiproxyBackendTests {

    private static ToxiproxyServer toxiproxy;
    private static ToxiproxyClient client;

    @BeforeAll
    static void startToxiproxy() {
        toxiproxy = ToxiproxyServer.builder().build().start();
        client = new ToxiproxyClient("127.0.0.1", toxiproxy.address().getPort());
    }

    @AfterAll
    static void stopToxiproxy() {
        toxiproxy.close();
    }

    @BeforeEach
    void clear() {
        Fixtures.RECORDED.clear();
    }

    private static Map<String, String> servedByToxiproxy() {
        return Map.of("netharness.toxiproxy", "127.0.0.1:" + toxiproxy.address().getPort());
    }

    private static List<String> proxyNames() throws IOException {
        return client.getProxies().stream().map(Proxy::getName).collect(Collectors.toList());
    }

    /** One checked echo through {@code link}, its duration recorded as "round trip ms". */
    private static void recordRoundTrip(io.netharness.simulator.Link link) throws IOException {
        try (Socket socket = Clients.connect(link.address())) {
            long start = System.nanoTime();
            assertThat(Clients.roundTrip(socket, "ping")).isEqualTo("ping");
            Fixtures.RECORDED.put("round trip ms", (System.nanoTime() - start) / 1e6);
        }
    }

    @Test
    void simulatedLinkFieldsBecomeToxiproxyProxiesWithTheirLatencyAndAreDeletedAfterTheTest() throws IOException {
        EngineExecutionResults results = TestKit.run(Served.class, servedByToxiproxy());

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(Fixtures.RECORDED.get("type")).isEqualTo(ToxiproxyLink.class);
        assertThat((String) Fixtures.RECORDED.get("name")).startsWith("netharness-link-");
        assertThat(Fixtures.RECORDED.get("proxies during the test")).asList().contains(Fixtures.RECORDED.get("name"));
        assertThat((Double) Fixtures.RECORDED.get("round trip ms")).as("20 ms each way").isGreaterThanOrEqualTo(40.0);
        assertThat(Fixtures.RECORDED.get("tcpLink type")).as("a field declared TcpLink stays in-process")
                .isEqualTo(TcpLink.class);
        assertThat(proxyNames()).as("proxies left on the Toxiproxy server after the test").isEmpty();
    }

    @Test
    void withoutTheParameterTheSameFieldIsTheInProcessSimulator() {
        TestKit.run(Served.class).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(Fixtures.RECORDED.get("type")).isEqualTo(TcpLink.class);
    }

    @Test
    void aLinkDeclaredToxiproxyLinkIsAlwaysServedByToxiproxy() throws IOException {
        TestKit.run(ServedExplicitly.class, servedByToxiproxy()).testEvents()
                .assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat((String) Fixtures.RECORDED.get("name")).startsWith("netharness-link-");
        assertThat(Fixtures.RECORDED.get("proxies during the test")).asList().contains(Fixtures.RECORDED.get("name"));
        assertThat((Double) Fixtures.RECORDED.get("round trip ms")).as("20 ms each way").isGreaterThanOrEqualTo(40.0);
        assertThat(Fixtures.RECORDED.get("parameter's proxy")).as("a @SimulatedLink ToxiproxyLink parameter, named"
                + " by its method and position without the brackets a URL path would need escaped")
                .asString().startsWith("netharness-answers_0_-");
        assertThat(proxyNames()).as("proxies left on the Toxiproxy server after the test").isEmpty();
    }

    @Test
    void aLinkDeclaredToxiproxyLinkWithoutTheParameterIsAMisconfiguration() {
        TestKit.run(ServedExplicitly.class).testEvents().assertThatEvents().haveExactly(1,
                event(test("answers"), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("@SimulatedLink on field 'link' in ToxiproxyBackendTests.ServedExplicitly requires"
                                + " that the configuration parameter `netharness.toxiproxy` name a Toxiproxy API as"
                                + " host:port (e.g. 127.0.0.1:8474), as the field is declared ToxiproxyLink; declare"
                                + " it as TcpLink to keep the link in-process."))));
    }

    @Test
    void aFailedTestReportsTheToxiproxyLinkWithoutStatistics() throws IOException {
        EngineExecutionResults results = TestKit.run(Failing.class, servedByToxiproxy());

        results.testEvents().assertStatistics(stats -> stats.failed(1));
        String reported = results.testEvents().reportingEntryPublished().stream()
                .map(Event::getPayload).flatMap(java.util.Optional::stream)
                .map(payload -> ((ReportEntry) payload).getKeyValuePairs().get("netharness.link.link"))
                .filter(java.util.Objects::nonNull)
                .findFirst().orElseThrow();
        assertThat(reported).startsWith("ToxiproxyLink{").contains("no statistics (a proxy on a Toxiproxy server counts nothing)");
        assertThat(proxyNames()).as("proxies left after a failed test").isEmpty();
    }

    @Test
    void faultsBecomeToxiproxysConnectionToxics() throws IOException {
        TestKit.run(WithFaults.class, servedByToxiproxy()).testEvents()
                .assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(Fixtures.RECORDED.get("toxic types")).asList().containsExactly("LimitData");
        assertThat(Fixtures.RECORDED.get("received")).as("limit_data of 4 bytes").isEqualTo("hell");
        assertThat(proxyNames()).as("proxies left on the Toxiproxy server after the test").isEmpty();
    }

    @Test
    void captureCannotBeServedByToxiproxy() {
        TestKit.run(Capturing.class, servedByToxiproxy()).testEvents().assertThatEvents().haveExactly(1,
                event(test("captures"), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("@SimulatedLink on field 'link' in ToxiproxyBackendTests.Capturing requires that"
                                + " `capture` be false, as the link is served by Toxiproxy at 127.0.0.1:"
                                + toxiproxy.address().getPort() + " (configuration parameter `netharness.toxiproxy`;"
                                + " declare the field or parameter as TcpLink to keep it in-process)."))));
    }

    @Test
    void whatToxiproxyCannotExpressIsAMisconfigurationAndLeavesNoProxy() throws IOException {
        TestKit.run(Lossy.class, servedByToxiproxy()).testEvents().assertThatEvents().haveExactly(1,
                event(test("loses"), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(text -> text.startsWith("@SimulatedLink on field 'link' in ToxiproxyBackendTests.Lossy"
                                + " describes an invalid link for Toxiproxy at 127.0.0.1:")
                                && text.contains("loss")))));
        assertThat(proxyNames()).as("proxies left after a refused link").isEmpty();
    }

    @Test
    void aMalformedParameterIsNamedWithItsValue() {
        TestKit.run(Served.class, Map.of("netharness.toxiproxy", "localhost"))
                .allEvents().assertThatEvents().haveAtLeast(1, event(finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message("The configuration parameter `netharness.toxiproxy` must be the Toxiproxy API's"
                                + " host:port with a port from 1 to 65535, such as \"127.0.0.1:5432\" or"
                                + " \"[::1]:5432\" (was \"localhost\")"))));
        TestKit.run(Served.class, Map.of("netharness.toxiproxy", "127.0.0.1:8474",
                        "netharness.toxiproxy.listen", "0.0.0.0:70000"))
                .allEvents().assertThatEvents().haveAtLeast(1, event(finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message(text -> text.contains("`netharness.toxiproxy.listen`")
                                && text.contains("(was \"0.0.0.0:70000\")")))));
    }

    static class Served {
        @InProcessServer static HarnessServer echo;

        @SimulatedLink(targetServer = "echo", latency = "20ms")
        io.netharness.simulator.Link link;

        @SimulatedLink(targetServer = "echo")
        TcpLink tcpLink;

        @Test
        void answers() throws IOException {
            Fixtures.RECORDED.put("type", link.getClass());
            Fixtures.RECORDED.put("tcpLink type", tcpLink.getClass());
            if (link instanceof ToxiproxyLink proxy) {
                Fixtures.RECORDED.put("name", proxy.name());
                Fixtures.RECORDED.put("proxies during the test", proxyNames());
            }
            recordRoundTrip(link);
        }
    }

    static class ServedExplicitly {
        @InProcessServer static HarnessServer echo;

        @SimulatedLink(targetServer = "echo", latency = "20ms")
        ToxiproxyLink link;

        @Test
        void answers(@SimulatedLink(targetServer = "echo") ToxiproxyLink another) throws IOException {
            Fixtures.RECORDED.put("name", link.name());
            Fixtures.RECORDED.put("parameter's proxy", another.name());
            Fixtures.RECORDED.put("proxies during the test", proxyNames());
            recordRoundTrip(link);
        }
    }

    static class Failing {
        @InProcessServer static HarnessServer echo;

        @SimulatedLink(targetServer = "echo")
        io.netharness.simulator.Link link;

        @Test
        void fails() {
            assertThat(link.address()).as("deliberately failing").isNull();
        }
    }

    static class Lossy {
        @InProcessServer static HarnessServer echo;

        @SimulatedLink(targetServer = "echo", loss = 0.1)
        io.netharness.simulator.Link link;

        @Test
        void loses() {
            assertThat(link).isNotNull();
        }
    }

    static class WithFaults {
        @InProcessServer static HarnessServer echo;

        @SimulatedLink(targetServer = "echo", faults = @Fault(value = Fault.Kind.LIMIT_DATA, bytes = 4))
        io.netharness.simulator.Link link;

        @Test
        void limits() throws IOException {
            Fixtures.RECORDED.put("toxic types", client.getProxy(((ToxiproxyLink) link).name()).toxics().getAll()
                    .stream().map(toxic -> toxic.getClass().getSimpleName()).toList());
            try (Socket socket = Clients.connect(link.address())) {
                socket.getOutputStream().write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                Fixtures.RECORDED.put("received", new String(socket.getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
    }

    static class Capturing {
        @InProcessServer static HarnessServer echo;

        @SimulatedLink(targetServer = "echo", capture = true)
        io.netharness.simulator.Link link;

        @Test
        void captures() {
            assertThat(link).isNotNull();
        }
    }
}
