package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import io.netharness.core.servers.HarnessServer;
import io.netharness.simulator.TcpLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** What the extension starts is closed at the end of its scope; connections a test leaves open are reported. */
@Isolated("fixtures record into one shared map")
class CleanUpTests {

    @BeforeEach
    void clear() {
        Fixtures.RECORDED.clear();
    }

    @Test
    void testScopedLinksAndServersCloseAfterTheirTestAndClassScopedOnesAfterTheClass() {
        TestKit.run(Scopes.class).testEvents().assertStatistics(stats -> stats.succeeded(2));
        assertThat(Fixtures.RECORDED.get("first.instanceLinkDuringSecond")).as("closed before the next test")
                .isEqualTo("TcpLink{closed}");
        assertThat(Fixtures.RECORDED.get("first.staticLinkDuringSecond")).as("still open for the next test")
                .isEqualTo(Fixtures.RECORDED.get("second.staticLink"));
        assertThat(Fixtures.RECORDED.get("second.staticLink").toString()).startsWith("TcpLink{127.0.0.1:");
        assertThat(Scopes.staticLink).hasToString("TcpLink{closed}");
        assertThat(Scopes.echo.toString()).contains("closed");
        assertThat(connectable(Scopes.echoAddress)).as("the server's port is released").isFalse();
    }

    @Test
    void connectionLeftOpenByTheTestIsReported() {
        EngineExecutionResults results = TestKit.run(Leaky.class);
        results.testEvents().assertStatistics(stats -> stats.succeeded(2));
        List<ReportEntry> leaky = results.allEvents().reportingEntryPublished()
                .filter(event -> event.getTestDescriptor().getDisplayName().equals("leavesAConnectionOpen()"))
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow()).toList();
        assertThat(leaky).singleElement().extracting(ReportEntry::getKeyValuePairs).isEqualTo(Map.of(
                "netharness.leak.link", "1 connection(s) through link 'link' still open at the end of the test: the"
                        + " code under test did not close them (NetHarness closes them now)"));
        assertThat(results.allEvents().reportingEntryPublished()
                .filter(event -> event.getTestDescriptor().getDisplayName().equals("closesItsConnection()")).count())
                .isZero();
        try (Socket leaked = (Socket) Fixtures.RECORDED.get("leaked")) {
            assertThat(leaked.isClosed()).as("the test's own socket is the test's business").isFalse();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nestedClassesSeeTheServersAndLinksOfTheirEnclosingClass() {
        EngineExecutionResults results = TestKit.run(Outer.class);
        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("usesTheEnclosingClassServer"), finishedSuccessfully()));
    }

    @Test
    void tcpCaptureIsKeptAndReportedWhenTheTestFails(@TempDir Path directory) throws IOException {
        EngineExecutionResults results = TestKit.run(CapturingTcp.class,
                Map.of("netharness.capture.directory", directory.toString()));
        results.testEvents().assertStatistics(stats -> stats.failed(1));
        List<String> paths = results.allEvents().reportingEntryPublished()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(entries -> entries.containsKey("netharness.capture.link"))
                .map(entries -> entries.get("netharness.capture.link")).toList();
        assertThat(paths).singleElement().satisfies(path -> {
            assertThat(Path.of(path)).exists().hasParent(directory.toAbsolutePath());
            // pcap header, then at least the synthetic handshake and the two data segments
            assertThat(Files.size(Path.of(path))).isGreaterThan(24 + 5 * 40);
        });
        String classScoped = results.allEvents().reportingEntryPublished()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .map(entries -> entries.get("netharness.capture.shared")).filter(java.util.Objects::nonNull)
                .findFirst().orElseThrow();
        assertThat(Path.of(classScoped)).as("a class-scoped capture outlives the class when a test failed").exists();
    }

    private static boolean connectable(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    // ---- fixtures, run only through TestKit ----

    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class Scopes {
        @InProcessServer static HarnessServer echo;
        static InetSocketAddress echoAddress;
        @SimulatedLink(targetServer = "echo") static TcpLink staticLink;
        @SimulatedLink(targetServer = "echo") TcpLink instanceLink;
        static TcpLink firstInstanceLink;
        static String firstStaticLink;

        @Test
        void first() throws IOException {
            echoAddress = echo.address();
            firstInstanceLink = instanceLink;
            firstStaticLink = staticLink.toString();
            assertThat(Clients.roundTrip(instanceLink.address(), "1")).isEqualTo("1");
        }

        @Test
        void second() {
            Fixtures.RECORDED.put("first.instanceLinkDuringSecond", firstInstanceLink.toString());
            Fixtures.RECORDED.put("first.staticLinkDuringSecond", firstStaticLink);
            Fixtures.RECORDED.put("second.staticLink", staticLink.toString());
            assertThat(instanceLink).isNotSameAs(firstInstanceLink);
        }
    }

    static class CapturingTcp {
        @InProcessServer static HarnessServer echo;
        @SimulatedLink(targetServer = "echo", capture = true) static TcpLink shared;
        @SimulatedLink(targetServer = "echo", capture = true) TcpLink link;

        @Test
        void fails() throws IOException {
            assertThat(Clients.roundTrip(link.address(), "captured")).isEqualTo("captured");
            assertThat(Clients.roundTrip(shared.address(), "shared")).isEqualTo("shared");
            throw new AssertionError("fails to keep the capture");
        }
    }

    static class Leaky {
        @InProcessServer HarnessServer echo;
        @SimulatedLink(targetServer = "echo") TcpLink link;

        @Test
        void leavesAConnectionOpen() throws IOException {
            Socket socket = Clients.connect(link.address());
            assertThat(Clients.roundTrip(socket, "left open")).isEqualTo("left open");
            Fixtures.RECORDED.put("leaked", socket);
        }

        @Test
        void closesItsConnection() throws IOException {
            assertThat(Clients.roundTrip(link.address(), "closed")).isEqualTo("closed");
        }
    }

    static class Outer {
        @InProcessServer static HarnessServer outerEcho;

        @Test
        void usesOuterServer(@SimulatedLink(targetServer = "outerEcho") TcpLink link) throws IOException {
            assertThat(Clients.roundTrip(link.address(), "outer")).isEqualTo("outer");
        }

        @Nested
        class Inner {
            @SimulatedLink(targetServer = "outerEcho", latency = "1ms") TcpLink innerLink;

            @Test
            void usesTheEnclosingClassServer() throws IOException {
                assertThat(innerLink.target()).isEqualTo(outerEcho.address());
                assertThat(Clients.roundTrip(innerLink.address(), "inner")).isEqualTo("inner");
            }
        }
    }
}
