package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Triggers and effects refuse bad values, and faults refuse combinations that mean nothing, naming both halves. */
class TriggerEffectValidationTest {

    private static final Duration MS_100 = Duration.ofMillis(100);

    @Test
    void triggersRefuseBadValuesNamingTheField() {
        assertThatThrownBy(() -> Trigger.after(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("after.delay: -1ms (expected: >= 0)");
        assertThatThrownBy(() -> Trigger.between(MS_100, MS_100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("between.until: 100ms (expected: > from, 100ms)");
        assertThatThrownBy(() -> Trigger.afterBytes(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("afterBytes.bytes: -1 (expected: >= 0)");
        assertThatThrownBy(() -> Trigger.onConnection(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onConnection.number: 0 (expected: >= 1)");
        assertThatThrownBy(() -> Trigger.onConnection(2, Trigger.onConnection(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onConnection.then: on connection 3 (expected: a trigger within one connection, not"
                        + " another onConnection)");
        assertThatThrownBy(() -> Trigger.onMessage(Framer.lines(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onMessage.number: 0 (expected: >= 1)");
        assertThatThrownBy(() -> Trigger.flapping(MS_100, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flapping.down: 0ms (expected: > 0)");
        assertThatThrownBy(() -> Trigger.flapping(Duration.ZERO, MS_100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flapping.up: 0ms (expected: > 0)");
        assertThatThrownBy(() -> Trigger.flapping(MS_100, Duration.ofMillis(50)).withJitter(Duration.ofMillis(50)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("periodic.jitter: 50ms (expected: < 50ms, below the windows' and the gaps' length)");
        assertThatThrownBy(() -> Trigger.after(MS_100).thenEvery(MS_100).lasting(MS_100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("periodic.lasting: 100ms (expected: < every, 100ms)");
    }

    @Test
    void effectsRefuseBadValuesNamingTheField() {
        assertThatThrownBy(() -> Effect.delay(Duration.ofMillis(-5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delay.delay: -5ms (expected: >= 0)");
        assertThatThrownBy(() -> Effect.reorder(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reorder.maxHold: 0ms (expected: > 0)");
        assertThatThrownBy(() -> Effect.profile(null)).isInstanceOf(NullPointerException.class).hasMessage("profile");
        assertThatThrownBy(() -> Effect.cut(null)).isInstanceOf(NullPointerException.class).hasMessage("cut.mode");
    }

    @Test
    void aMessageEffectNeedsAMessageTrigger() {
        assertThatThrownBy(() -> ConnectionFault.of(Trigger.after(MS_100), Effect.drop()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trigger: after 100ms for drop (expected: a Trigger.onMessage(...) trigger, as drop acts"
                        + " on whole messages)");
        assertThatThrownBy(() -> ConnectionFault.of(Trigger.onMessage(Framer.lines(), 2).after(), Effect.duplicate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trigger: after message 2 (lines) for duplicate (expected: onMessage(...) without after()"
                        + " or afterHead(), as duplicate acts on the message itself)");
        assertThat(ConnectionFault.of(Trigger.onConnection(2, Trigger.onMessage(Framer.lines(), 1)), Effect.drop()))
                .hasToString("drop on connection 2, on message 1 (lines)");
    }

    @Test
    void anEffectOnTheLinkNeedsATriggerOfTime() {
        assertThatThrownBy(() -> ConnectionFault.of(Trigger.onConnection(3), Effect.refuse()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trigger: on connection 3 for refuse (expected: a trigger of time (onConnect, after,"
                        + " between, periodic), as refuse acts on the link, not on one connection's bytes or messages)");
        assertThatThrownBy(() -> ConnectionFault.of(Trigger.afterBytes(10), Effect.cut(CutMode.KEEP_EXISTING)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trigger: after 10 bytes for cut KEEP_EXISTING (expected: a trigger of time");
        assertThat(ConnectionFault.acceptDelay(Duration.ofSeconds(2)))
                .hasToString("stallAccepts between 0ms and 2s");
    }

    @Test
    void anEffectThatLastsNeedsWindowsWithALength() {
        assertThatThrownBy(() -> ConnectionFault.of(Trigger.after(MS_100).thenEvery(MS_100), Effect.hang()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trigger: from 100ms every 100ms for hang (expected: windows of some length, e.g."
                        + " thenEvery(...).lasting(...), as hang lasts while its trigger's window is open)");
        assertThat(ConnectionFault.of(Trigger.after(MS_100).thenEvery(MS_100), Effect.resetPeer()))
                .hasToString("resetPeer from 100ms every 100ms");
    }

    @Test
    void toxiproxysOwnEffectsKeepToxiproxysTiming() {
        assertThatThrownBy(() -> ConnectionFault.of(Trigger.after(MS_100), Effect.toxiproxyTimeout(MS_100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trigger: after 100ms for toxiproxyTimeout 100ms (expected: Trigger.onConnect(), as"
                        + " toxiproxyTimeout 100ms keeps Toxiproxy's own timing)");
    }

    @Test
    void effectsSayWhereTheyActAndWhetherTheyLast() {
        assertThat(Effect.resetPeer().isInstant()).isTrue();
        assertThat(Effect.close().isInstant()).isTrue();
        assertThat(Effect.hang().isInstant()).isFalse();
        assertThat(Effect.hang().scope()).isEqualTo(Effect.Scope.CONNECTION);
        assertThat(Effect.corrupt().scope()).isEqualTo(Effect.Scope.MESSAGE);
        assertThat(Effect.stallAccepts().scope()).isEqualTo(Effect.Scope.LINK);
    }

    @Test
    void theLinkRefusesADirectionOrAShareForAnEffectOnTheLink() {
        try (TcpLink link = TcpLink.to(9)) {
            assertThatThrownBy(() -> link.addFault(Direction.UPSTREAM, ConnectionFault.refuse()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("direction: UPSTREAM for refuse on connect (expected: none, as refuse acts on the"
                            + " link: add it with addFault(fault))");
            assertThatThrownBy(() -> link.addFault(ConnectionFault.refuse(), 0.5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("toxicity: 0.5 for refuse on connect (expected: 1.0, as refuse acts on the link, not"
                            + " on a share of its connections)");
            assertThat(link.faults()).isEmpty();
        }
    }

    @Test
    void messageFaultsOfADirectionMustShareTheirFramer() {
        try (TcpLink link = TcpLink.to(9)) {
            FaultHandle first = link.addFault(Direction.DOWNSTREAM,
                    ConnectionFault.of(Trigger.onMessage(Framer.resp(), 3), Effect.drop()));
            link.addFault(Direction.UPSTREAM, ConnectionFault.of(Trigger.onMessage(Framer.lines(), 1), Effect.drop()));
            assertThatThrownBy(() -> link.addFault(ConnectionFault.of(Trigger.onMessage(Framer.lines(), 2),
                    Effect.drop())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("framer: lines for drop on message 2 (lines) (expected: RESP, the framer of Fault#0{"
                            + "DOWNSTREAM drop on message 3 (RESP)} in force in the same direction)");
            assertThat(first.direction()).contains(Direction.DOWNSTREAM);
            assertThat(link.faults()).hasSize(2);
        }
    }
}
