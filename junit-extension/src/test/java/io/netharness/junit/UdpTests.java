package io.netharness.junit;

import static io.netharness.junit.assertj.NetHarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.netharness.core.servers.HarnessServer;
import io.netharness.core.servers.ServerKind;
import io.netharness.simulator.LinkStatistics;
import io.netharness.simulator.UdpLink;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** UDP servers and links: echo through a link, loss that shows in statistics, replayed decisions, capture files. */
@Isolated("fixtures record into one shared map")
class UdpTests {

    @InProcessServer(ServerKind.UDP_ECHO)
    static HarnessServer echo;

    @InProcessServer(ServerKind.UDP_SINK)
    HarnessServer sink;

    @BeforeEach
    void clear() {
        Fixtures.RECORDED.clear();
    }

    @Test
    void echoThroughALink(@SimulatedLink(targetServer = "echo", latency = "2ms") UdpLink link) throws IOException {
        try (DatagramSocket client = Datagrams.open()) {
            Datagrams.send(client, link.address(), "ping");
            assertThat(Datagrams.receive(client)).isEqualTo("ping");
        }
        assertThat(echo).receivedWithin(Duration.ofSeconds(5), "ping");
    }

    @Test
    void protocolFollowsTheServerForTheInterfaceType(
            @SimulatedLink(targetServer = "echo") io.netharness.simulator.Link link) {
        assertThat(link).isInstanceOf(UdpLink.class);
    }

    @Test
    void protocolAttributeChoosesUdpForTheInterfaceType(
            @SimulatedLink(targetMethod = "echoPort", protocol = Protocol.UDP)
            io.netharness.simulator.Link link) throws IOException {
        assertThat(link).isInstanceOf(UdpLink.class);
        try (DatagramSocket client = Datagrams.open()) {
            Datagrams.send(client, link.address(), "chosen");
            assertThat(Datagrams.receive(client)).isEqualTo("chosen");
        }
    }

    static int echoPort() {
        return echo.port();
    }

    @Test
    void lossShowsInStatisticsAndAtTheServer(@SimulatedLink(targetServer = "sink", loss = 0.3) UdpLink link)
            throws Exception {
        LinkStatistics statistics = sendNumbered(link, 200);
        assertThat(link).hasDroppedDatagrams().upstream().hasLossRateBetween(0.15, 0.45);
        awaitTrue("the sink got every delivered datagram",
                () -> sink.received().size() == statistics.upstream().delivered());
        assertThat(sink).receivedBytesWithin(Duration.ZERO, 4 * statistics.upstream().delivered());
    }

    @Test
    void sameRunSeedDropsTheSameDatagrams() {
        TestKit.run(Lossy.class, Map.of("netharness.seed", "7"));
        Object first = Fixtures.RECORDED.get("received");
        TestKit.run(Lossy.class, Map.of("netharness.seed", "7"));
        assertThat(Fixtures.RECORDED.get("received")).isEqualTo(first);
        TestKit.run(Lossy.class, Map.of("netharness.seed", "8"));
        assertThat(Fixtures.RECORDED.get("received")).isNotEqualTo(first);
    }

    @Test
    void captureIsKeptAndReportedWhenTheTestFailsAndDeletedWhenItPasses(@TempDir Path directory) throws IOException {
        EngineExecutionResults results = TestKit.run(Capturing.class,
                Map.of("netharness.capture.directory", directory.toString()));
        results.testEvents().assertStatistics(stats -> stats.failed(1).succeeded(1));
        List<String> paths = results.allEvents().reportingEntryPublished()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(entries -> entries.containsKey("netharness.capture.link"))
                .map(entries -> entries.get("netharness.capture.link")).toList();
        assertThat(paths).singleElement().satisfies(path -> {
            assertThat(Path.of(path)).exists().isRegularFile().hasParent(directory.toAbsolutePath());
            assertThat(Path.of(path).getFileName().toString()).startsWith("UdpTests.Capturing.fails-link-");
            assertThat(Files.size(Path.of(path))).as("pcap header and the datagram").isGreaterThan(24 + 16);
        });
        try (var files = Files.list(directory)) {
            assertThat(files.toList()).as("the passing test's capture is gone").hasSize(1);
        }
    }

    @Test
    void udpLinkToATcpServerIsAMisconfiguration() {
        EngineExecutionResults results = TestKit.run(Mismatch.class);
        results.testEvents().assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message("@SimulatedLink on field 'link' in"
                        + " UdpTests.Mismatch requires that its protocol (UDP) match the protocol of the server"
                        + " `targetServer` names (TCP)."))));
    }

    /** Sends {@code count} numbered datagrams through {@code link} and waits until each was delivered or dropped. */
    static LinkStatistics sendNumbered(UdpLink link, int count) throws Exception {
        try (DatagramSocket client = Datagrams.open()) {
            for (int i = 0; i < count; i++) {
                Datagrams.send(client, link.address(), String.format("%04d", i));
            }
        }
        awaitTrue("all datagrams delivered or dropped", () -> {
            LinkStatistics now = link.statistics();
            return now.upstream().datagramsIn() == count && now.upstream().delivered() + now.upstream().dropped() == count;
        });
        return link.statistics();
    }

    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 10 s waiting until " + what);
            }
            Thread.sleep(5); // a bounded poll of statistics nothing can notify us about
        }
    }

    // ---- fixtures, run only through TestKit ----

    static class Lossy {
        @InProcessServer(ServerKind.UDP_SINK) HarnessServer sink;
        @SimulatedLink(targetServer = "sink", loss = 0.3) UdpLink link;

        @Test
        void test() throws Exception {
            LinkStatistics statistics = sendNumbered(link, 100);
            awaitTrue("the sink got every delivered datagram",
                    () -> sink.received().size() == statistics.upstream().delivered());
            Fixtures.RECORDED.put("received", sink.receivedUtf8());
        }
    }

    static class Capturing {
        @InProcessServer(ServerKind.UDP_ECHO) static HarnessServer echo;
        @SimulatedLink(targetServer = "echo", capture = true) UdpLink link;

        @Test
        void fails() throws IOException {
            try (DatagramSocket client = Datagrams.open()) {
                Datagrams.send(client, link.address(), "captured datagram");
                assertThat(Datagrams.receive(client)).isEqualTo("captured datagram");
            }
            throw new AssertionError("fails to keep the capture");
        }

        @Test
        void passes() throws IOException {
            try (DatagramSocket client = Datagrams.open()) {
                Datagrams.send(client, link.address(), "not kept");
                assertThat(Datagrams.receive(client)).isEqualTo("not kept");
            }
        }
    }

    static class Mismatch {
        @InProcessServer HarnessServer tcp;
        @SimulatedLink(targetServer = "tcp") UdpLink link;

        @Test void test() {}
    }
}
