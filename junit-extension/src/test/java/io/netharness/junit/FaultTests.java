package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.netharness.core.servers.HarnessServer;
import io.netharness.core.servers.ServerKind;
import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.CutMode;
import io.netharness.simulator.Direction;
import io.netharness.simulator.Effect;
import io.netharness.simulator.FaultHandle;
import io.netharness.simulator.Framer;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.Trigger;
import io.netharness.simulator.UdpLink;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Faults declared on the annotation: in force from the first connection, validated like everything else. */
class FaultTests {

    @InProcessServer
    static HarnessServer echo;

    @InProcessServer(ServerKind.UDP_ECHO)
    static HarnessServer udpEcho;

    @Test
    void faultsAreInForceFromTheStart(@SimulatedLink(targetServer = "echo", faults = {
            @Fault(value = Fault.Kind.LIMIT_DATA, bytes = 4),
            @Fault(value = Fault.Kind.RESET_PEER, after = "30s", direction = Direction.UPSTREAM, toxicity = 0.5),
            @Fault(value = Fault.Kind.HANG, direction = {Direction.UPSTREAM, Direction.DOWNSTREAM},
                    when = @When(connection = 3, after = "1s")),
            @Fault(Fault.Kind.REFUSE)}) TcpLink link) {
        assertThat(link.faults()).extracting(FaultHandle::direction, FaultHandle::fault, FaultHandle::toxicity)
                .containsExactly(
                        Tuple.tuple(Optional.of(Direction.DOWNSTREAM), ConnectionFault.limitData(4), 1.0),
                        Tuple.tuple(Optional.of(Direction.UPSTREAM), ConnectionFault.resetPeer(Duration.ofSeconds(30)),
                                0.5),
                        Tuple.tuple(Optional.empty(), ConnectionFault.of(Trigger.onConnection(3,
                                Trigger.after(Duration.ofSeconds(1))), Effect.hang()), 1.0),
                        Tuple.tuple(Optional.empty(), ConnectionFault.refuse(), 1.0));
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
    void aRefusingLinkRefusesFromItsFirstConnection(
            @SimulatedLink(targetServer = "echo", faults = @Fault(Fault.Kind.REFUSE)) TcpLink link) {
        assertThatThrownBy(() -> Clients.connect(link.address()).close()).isInstanceOf(ConnectException.class)
                .hasMessageContaining("Connection refused");
    }

    @Test
    void theSecondLineIsDroppedOnTheWayBack(@SimulatedLink(targetServer = "echo", faults = @Fault(
            value = Fault.Kind.DROP, when = @When(message = 2, framer = @Framing(Framing.Kind.LINES))))
            TcpLink link) throws IOException {
        assertThat(link.faults().get(0).fault()).isEqualTo(ConnectionFault.of(Trigger.onMessage(Framer.lines(), 2),
                Effect.drop()));
        try (Socket client = Clients.connect(link.address())) {
            client.getOutputStream().write("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8));
            byte[] reply = Clients.readFully(client.getInputStream(), 10);
            assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("one\nthree\n");
        }
    }

    @Test
    void messagesMatchingATextAreDroppedAndTheOthersPass(@SimulatedLink(targetServer = "echo", faults = @Fault(
            value = Fault.Kind.DROP, direction = Direction.UPSTREAM,
            when = @When(matching = "^secret", framer = @Framing(Framing.Kind.LINES)))) TcpLink link)
            throws IOException {
        try (Socket client = Clients.connect(link.address())) {
            client.getOutputStream().write("a\nsecret\nb\n".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(Clients.readFully(client.getInputStream(), 4), StandardCharsets.UTF_8))
                    .isEqualTo("a\nb\n");
        }
    }

    @Test
    void acceptThenHangAcceptsAndRelaysNothing(
            @SimulatedLink(targetServer = "echo", faults = @Fault(Fault.Kind.ACCEPT_THEN_HANG)) TcpLink link)
            throws IOException {
        try (Socket client = Clients.connect(link.address())) {
            client.getOutputStream().write('x');
            client.setSoTimeout(300);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aUdpLinkTakesAProfileChangeForAWindow(@SimulatedLink(targetServer = "udpEcho", faults = @Fault(
            value = Fault.Kind.PROFILE, direction = Direction.UPSTREAM, profile = @Profile(loss = 1.0),
            when = @When(until = "60m"))) UdpLink link) {
        assertThat(link.profile(Direction.UPSTREAM)).isEqualTo(LinkProfile.builder().loss(Loss.random(1.0)).build());
        assertThat(link.profile(Direction.DOWNSTREAM)).isEqualTo(LinkProfile.PERFECT);
    }

    @Test
    void aFlappingCutIsOneLine(@SimulatedLink(targetServer = "echo", faults = @Fault(value = Fault.Kind.CUT,
            cutMode = CutMode.DROP_EXISTING, when = @When(up = "200ms", down = "100ms"))) TcpLink link) {
        assertThat(link.faults().get(0).fault()).isEqualTo(ConnectionFault.of(Trigger.flapping(
                Duration.ofMillis(200), Duration.ofMillis(100)), Effect.cut(CutMode.DROP_EXISTING)));
        assertThat(link.isCut()).as("up first").isFalse();
    }

    @Test
    void kindWithoutItsTriggerIsAMisconfiguration() {
        assertFailure(ResetWithoutAfter.class, "@SimulatedLink on field 'link' in FaultTests.ResetWithoutAfter"
                + " requires that `faults[0].after` or `faults[0].when` be set for RESET_PEER, which acts once, e.g."
                + " after = \"1s\".");
        assertFailure(DropWithoutMessage.class, "@SimulatedLink on field 'link' in FaultTests.DropWithoutMessage"
                + " requires that `faults[0].when.message` or `faults[0].when.matching` be set for DROP, which acts on"
                + " whole messages, e.g. when = @When(message = 3, framer = @Framing(Framing.Kind.LINES)).");
        assertFailure(MessageWithoutFramer.class, "@SimulatedLink on field 'link' in FaultTests.MessageWithoutFramer"
                + " requires that `faults[0].when.framer` be set with `faults[0].when.message`, to say how the stream"
                + " is cut into messages, e.g. framer = @Framing(Framing.Kind.LINES).");
        assertFailure(FlappingWithoutDown.class, "@SimulatedLink on field 'link' in FaultTests.FlappingWithoutDown"
                + " requires that `faults[0].when.down` be set too, as flapping needs both the up and the down time,"
                + " e.g. up = \"200ms\", down = \"100ms\".");
        assertFailure(CustomWithoutClass.class, "@SimulatedLink on field 'link' in FaultTests.CustomWithoutClass"
                + " requires that `faults[0].when.framer.custom` name your Framer class for Framing.Kind.CUSTOM.");
    }

    @Test
    void misplacedAttributesAreMisconfigurationsNamingThem() {
        assertFailure(TwoTriggers.class, "@SimulatedLink on field 'link' in FaultTests.TwoTriggers sets"
                + " `faults[0].when.after` and `faults[0].when.afterBytes` in `faults[0].when`: a fault has one"
                + " trigger, so set only one of them.");
        assertFailure(RefuseWithDirection.class, "@SimulatedLink on field 'link' in FaultTests.RefuseWithDirection"
                + " requires that `faults[0].direction` be unset for REFUSE, which acts on the link (was [UPSTREAM]).");
        assertFailure(RefuseWithToxicity.class, "@SimulatedLink on field 'link' in FaultTests.RefuseWithToxicity"
                + " requires that `faults[0].toxicity` be 1.0 for REFUSE, which acts on the link, not on a share of"
                + " its connections (was 0.5).");
        assertFailure(UnreadDelay.class, "@SimulatedLink on field 'link' in FaultTests.UnreadDelay requires that"
                + " `faults[1].delay` not be set for BLACKHOLE, which does not read it.");
        assertFailure(BadPattern.class, "@SimulatedLink on field 'link' in FaultTests.BadPattern requires that"
                + " `faults[0].when.matching` be a regular expression (Unclosed group) (was \"(\").");
        assertFailure(TriggerForTheLinkOnOneConnection.class, "@SimulatedLink on field 'link' in"
                + " FaultTests.TriggerForTheLinkOnOneConnection has an invalid faults[0] (STALL_ACCEPTS): trigger: on"
                + " connection 2 for stallAccepts (expected: a trigger of time (onConnect, after, between, periodic),"
                + " as stallAccepts acts on the link, not on one connection's bytes or messages).");
    }

    @Test
    void simulatorRangeChecksAreReportedWithTheFault() {
        assertFailure(BadSlicer.class, "@SimulatedLink on field 'link' in FaultTests.BadSlicer has an invalid"
                + " faults[1] (SLICER): slicer.sizeVariationBytes: 9 (expected: 0-3).");
        assertFailure(BadJitter.class, "@SimulatedLink on field 'link' in FaultTests.BadJitter has an invalid"
                + " `faults[0].when`: periodic.jitter: 200ms (expected: < 100ms, below the windows' and the gaps'"
                + " length).");
    }

    @Test
    void aDatagramLinkTakesProfileChangesAndCutsOnly() {
        assertFailure(UdpWithHang.class, "@SimulatedLink on field 'link' in FaultTests.UdpWithHang requires that"
                + " `faults[0]` be PROFILE or CUT, the faults a UDP link has (was HANG).");
        assertFailure(UdpMirroringItsTarget.class, "@SimulatedLink on field 'link' in"
                + " FaultTests.UdpMirroringItsTarget requires that `refuseWhileTargetRefuses` be false, as it applies"
                + " to TCP links only (this link is UDP).");
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

    static class DropWithoutMessage {
        @SimulatedLink(target = "127.0.0.1:9", faults = @Fault(Fault.Kind.DROP)) TcpLink link;

        @Test void test() {}
    }

    static class MessageWithoutFramer {
        @SimulatedLink(target = "127.0.0.1:9", faults = @Fault(value = Fault.Kind.DROP, when = @When(message = 2)))
        TcpLink link;

        @Test void test() {}
    }

    static class FlappingWithoutDown {
        @SimulatedLink(target = "127.0.0.1:9", faults = @Fault(value = Fault.Kind.CUT, when = @When(up = "1s")))
        TcpLink link;

        @Test void test() {}
    }

    static class CustomWithoutClass {
        @SimulatedLink(target = "127.0.0.1:9", faults = @Fault(value = Fault.Kind.DROP,
                when = @When(message = 1, framer = @Framing(Framing.Kind.CUSTOM)))) TcpLink link;

        @Test void test() {}
    }

    static class TwoTriggers {
        @SimulatedLink(target = "127.0.0.1:9", faults = @Fault(value = Fault.Kind.HANG,
                when = @When(after = "1s", afterBytes = 10))) TcpLink link;

        @Test void test() {}
    }

    static class RefuseWithDirection {
        @SimulatedLink(target = "127.0.0.1:9", faults = @Fault(value = Fault.Kind.REFUSE,
                direction = Direction.UPSTREAM)) TcpLink link;

        @Test void test() {}
    }

    static class RefuseWithToxicity {
        @SimulatedLink(target = "127.0.0.1:9", faults = @Fault(value = Fault.Kind.REFUSE, toxicity = 0.5))
        TcpLink link;

        @Test void test() {}
    }

    static class UnreadDelay {
        @SimulatedLink(target = "127.0.0.1:9", faults = {@Fault(Fault.Kind.HANG),
                @Fault(value = Fault.Kind.BLACKHOLE, delay = "1s")}) TcpLink link;

        @Test void test() {}
    }

    static class BadPattern {
        @SimulatedLink(target = "127.0.0.1:9", faults = @Fault(value = Fault.Kind.DROP,
                when = @When(matching = "(", framer = @Framing(Framing.Kind.LINES)))) TcpLink link;

        @Test void test() {}
    }

    static class TriggerForTheLinkOnOneConnection {
        @SimulatedLink(target = "127.0.0.1:9", faults = @Fault(value = Fault.Kind.STALL_ACCEPTS,
                when = @When(connection = 2))) TcpLink link;

        @Test void test() {}
    }

    static class BadSlicer {
        @SimulatedLink(target = "127.0.0.1:9", faults = {@Fault(Fault.Kind.BLACKHOLE),
                @Fault(value = Fault.Kind.SLICER, averageBytes = 4, sizeVariationBytes = 9)}) TcpLink link;

        @Test void test() {}
    }

    static class BadJitter {
        @SimulatedLink(target = "127.0.0.1:9", faults = @Fault(value = Fault.Kind.CUT,
                when = @When(up = "100ms", down = "300ms", jitter = "200ms"))) TcpLink link;

        @Test void test() {}
    }

    static class UdpWithHang {
        @InProcessServer(ServerKind.UDP_ECHO) HarnessServer echo;
        @SimulatedLink(targetServer = "echo", faults = @Fault(Fault.Kind.HANG)) UdpLink link;

        @Test void test() {}
    }

    static class UdpMirroringItsTarget {
        @InProcessServer(ServerKind.UDP_ECHO) HarnessServer echo;
        @SimulatedLink(targetServer = "echo", refuseWhileTargetRefuses = true) UdpLink link;

        @Test void test() {}
    }
}
