package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.Direction;
import io.netharness.simulator.FaultHandle;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.UdpLink;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** TCP connection faults declared on the annotation: in force from the start, validated like everything else. */
class FaultTests {

    @InProcessServer
    static HarnessServer echo;

    @Test
    void faultsAreInForceFromTheStart(@SimulatedLink(targetServer = "echo", faults = {
            @Fault(value = Fault.Kind.LIMIT_DATA, bytes = 4),
            @Fault(value = Fault.Kind.RESET_PEER, after = "30s", direction = Direction.UPSTREAM, toxicity = 0.5)})
            TcpLink link) {
        assertThat(link.faults()).extracting(FaultHandle::direction, FaultHandle::fault, FaultHandle::toxicity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Direction.DOWNSTREAM, ConnectionFault.limitData(4), 1.0),
                        org.assertj.core.groups.Tuple.tuple(Direction.UPSTREAM,
                                ConnectionFault.resetPeer(Duration.ofSeconds(30)), 0.5));
    }

    @Test
    void limitDataClosesAfterThatManyBytes(
            @SimulatedLink(targetServer = "echo", faults = @Fault(value = Fault.Kind.LIMIT_DATA, bytes = 4))
            TcpLink link) throws IOException {
        try (Socket client = Clients.connect(link.address())) {
            client.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
            byte[] all = client.getInputStream().readAllBytes(); // ends when the link closes: read timeout 10 s
            assertThat(new String(all, StandardCharsets.UTF_8)).isEqualTo("hell");
        }
    }

    @Test
    void kindWithoutItsAttributeIsAMisconfiguration() {
        assertFailure(ResetWithoutAfter.class, "@SimulatedLink on field 'link' in FaultTests.ResetWithoutAfter"
                + " requires that `faults[0].after` be set for RESET_PEER, e.g. \"1s\".");
    }

    @Test
    void simulatorRangeChecksAreReportedWithTheFault() {
        assertFailure(BadSlicer.class, "@SimulatedLink on field 'link' in FaultTests.BadSlicer has an invalid"
                + " faults[1] (SLICER): slicer.sizeVariationBytes: 9 (expected: 0-3).");
    }

    @Test
    void faultsOnAUdpLinkAreAMisconfiguration() {
        assertFailure(UdpWithFault.class, "@SimulatedLink on field 'link' in FaultTests.UdpWithFault requires that"
                + " `faults` be empty, as connection faults apply to TCP links only (this link is UDP).");
    }

    private static void assertFailure(Class<?> fixture, String expected) {
        EngineExecutionResults results = TestKit.run(fixture);
        results.testEvents().assertThatEvents().haveExactly(1, event(test("test"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(expected))));
    }

    // ---- fixtures, run only through TestKit ----

    static class ResetWithoutAfter {
        @SimulatedLink(target = "127.0.0.1:9", faults = @Fault(Fault.Kind.RESET_PEER)) TcpLink link;

        @Test void test() {}
    }

    static class BadSlicer {
        @SimulatedLink(target = "127.0.0.1:9", faults = {@Fault(Fault.Kind.BLACKHOLE),
                @Fault(value = Fault.Kind.SLICER, averageBytes = 4, sizeVariationBytes = 9)}) TcpLink link;

        @Test void test() {}
    }

    static class UdpWithFault {
        @InProcessServer(ServerKind.UDP_ECHO) HarnessServer echo;
        @SimulatedLink(targetServer = "echo", faults = @Fault(Fault.Kind.BLACKHOLE)) UdpLink link;

        @Test void test() {}
    }
}
