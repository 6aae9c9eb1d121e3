package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.netharness.core.servers.HarnessServer;
import io.netharness.core.servers.ServerKind;
import io.netharness.simulator.Link;
import io.netharness.simulator.TcpLink;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Every misconfiguration fails the test that has it, with an {@link ExtensionConfigurationException} whose message
 * names the class, the member, the attribute, what is valid and what was given.
 */
class MisconfigurationTests {

    private static void assertFieldFailure(Class<?> fixture, String expectedMessage) {
        EngineExecutionResults results = TestKit.run(fixture);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1).succeeded(0));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("test"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(expectedMessage))));
    }

    @Test
    void unknownTargetServer() {
        assertFieldFailure(UnknownServer.class, "@SimulatedLink on field 'link' in MisconfigurationTests.UnknownServer"
                + " requires that `targetServer` be the name of an @InProcessServer visible to it: \"echo\""
                + " (was \"ecko\").");
    }

    @Test
    void classScopedLinkToATestScopedServer() {
        EngineExecutionResults results = TestKit.run(StaticLinkToInstanceServer.class);
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(StaticLinkToInstanceServer.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message("@SimulatedLink on"
                        + " field 'link' in MisconfigurationTests.StaticLinkToInstanceServer requires that"
                        + " `targetServer` name a server that exists when the link is created, but \"echo\" is"
                        + " created per test, after this class-scoped link: make the server static or the link per"
                        + " test."))));
    }

    @Test
    void protocolAgainstTheDeclaredType() {
        assertFieldFailure(ProtocolAgainstType.class, "@SimulatedLink on field 'link' in"
                + " MisconfigurationTests.ProtocolAgainstType requires that `protocol` be TCP or AUTO, as the type is"
                + " TcpLink (was UDP).");
    }

    @Test
    void burstLengthBelowOne() {
        assertFieldFailure(ShortBursts.class, "@SimulatedLink on field 'link' in MisconfigurationTests.ShortBursts"
                + " requires that `burstLength` be 0 (independent losses) or at least 1.0 (was 0.5).");
    }

    @Test
    void lossStatesNeedFiveValues() {
        assertFieldFailure(FourLossStates.class, "@SimulatedLink on field 'link' in MisconfigurationTests.FourLossStates"
                + " requires that `lossStates` be the five probabilities {p13, p31, p32, p23, p14} of netem's `loss"
                + " state` (was \"[0.01, 0.3, 0.2, 0.1]\").");
    }

    @Test
    void lossStatesLeavingAStateAboveOne() {
        assertFieldFailure(LossStatesAboveOne.class, "@SimulatedLink on field 'link' in"
                + " MisconfigurationTests.LossStatesAboveOne requires that `upstream.lossStates` be five probabilities"
                + " {p13, p31, p32, p23, p14} between 0.0 and 1.0, with p13 + p14 and p31 + p32 at most 1.0"
                + " (loss.p31 + loss.p32: 1.2 (expected: <= 1.0)) (was \"[0.01, 0.7, 0.5, 0.1, 0.0]\").");
    }

    @Test
    void lossStatesWithALossRate() {
        assertFieldFailure(LossStatesAndLoss.class, "@SimulatedLink on field 'link' in"
                + " MisconfigurationTests.LossStatesAndLoss requires that `loss` be 0 when `lossStates` is set, as the"
                + " four-state chain sets the loss rate itself (0.03469 here) (was 0.1).");
    }

    @Test
    void lossStatesWithABurstLength() {
        assertFieldFailure(LossStatesAndBursts.class, "@SimulatedLink on field 'link' in"
                + " MisconfigurationTests.LossStatesAndBursts requires that `burstLength` be 0 when `lossStates` is"
                + " set, as the four-state chain shapes how losses cluster (was 3.0).");
    }

    @Test
    void unknownDistribution() {
        assertFieldFailure(UnknownDistribution.class, "@SimulatedLink on field 'link' in"
                + " MisconfigurationTests.UnknownDistribution requires that `upstream.distribution` be one of uniform,"
                + " normal, pareto or pareto-normal (was \"gaussian\").");
    }

    @Test
    void unknownMtuAction() {
        assertFieldFailure(UnknownMtuAction.class, "@SimulatedLink on field 'link' in"
                + " MisconfigurationTests.UnknownMtuAction requires that `downstream.mtuAction` be drop or truncate"
                + " (was \"fragment\").");
    }

    @Test
    void lossAboveOne() {
        assertFieldFailure(LossAboveOne.class, "@SimulatedLink on field 'link' in MisconfigurationTests.LossAboveOne"
                + " requires that `loss` be between 0.0 and 1.0 (was 1.5).");
    }

    @Test
    void negativeLossInADirection() {
        assertFieldFailure(NegativeDownstreamLoss.class, "@SimulatedLink on field 'link' in"
                + " MisconfigurationTests.NegativeDownstreamLoss requires that `downstream.loss` be between 0.0 and"
                + " 1.0 (was -0.5).");
    }

    @Test
    void unparseableDuration() {
        assertFieldFailure(BadDuration.class, "@SimulatedLink on field 'link' in MisconfigurationTests.BadDuration"
                + " requires that `latency` be a duration: a number followed by ns, us, ms, s or m, such as \"20ms\""
                + " (was \"20 parsecs\").");
    }

    @Test
    void unparseableRate() {
        assertFieldFailure(BadRate.class, "@SimulatedLink on field 'link' in MisconfigurationTests.BadRate requires"
                + " that `upstream.bandwidth` be a rate of at least 1 B/s: a number followed by B/s, KB/s, MB/s, GB/s,"
                + " KiB/s, MiB/s, GiB/s, bit/s, kbit/s, Mbit/s or Gbit/s, such as \"1MB/s\" (was \"fast\").");
    }

    @Test
    void jitterLargerThanLatency() {
        assertFieldFailure(JitterAboveLatency.class, "@SimulatedLink on field 'link' in"
                + " MisconfigurationTests.JitterAboveLatency requires that `jitter` be at most the latency (10ms here)"
                + " so that no delay is negative (was \"15ms\").");
    }

    @Test
    void linkOnAFieldOfTheWrongType() {
        assertFieldFailure(WrongFieldType.class, "@SimulatedLink on field 'link' in"
                + " MisconfigurationTests.WrongFieldType requires that the field's type be " + expectedLinkTypes()
                + " (was java.lang.String).");
    }

    @Test
    void serverOnAFieldOfTheWrongType() {
        assertFieldFailure(WrongServerType.class, "@InProcessServer on field 'server' in"
                + " MisconfigurationTests.WrongServerType requires that the field's type be HarnessServer,"
                + " InetSocketAddress or int (the port) (was java.lang.String).");
    }

    @Test
    void twoConflictingTargets() {
        assertFieldFailure(TwoTargets.class, "@SimulatedLink on field 'link' in MisconfigurationTests.TwoTargets has"
                + " conflicting targets `target` (\"127.0.0.1:5432\") and `targetServer` (\"echo\"): set only one.");
    }

    @Test
    void composedAnnotationAndLinkTargetConflict() {
        assertFieldFailure(ComposedConflict.class, "@SimulatedLink (via @FixedTarget) on field 'link' in"
                + " MisconfigurationTests.ComposedConflict has conflicting targets `target` (\"127.0.0.1:5432\") and"
                + " `@LinkTarget(server)` (\"echo\"): set only one.");
    }

    @Test
    void noTarget() {
        assertFieldFailure(NoTarget.class, "@SimulatedLink on field 'link' in MisconfigurationTests.NoTarget has no"
                + " target: set one of `target`, `targetServer`, `targetMethod` or `targetProperty`, or add"
                + " @LinkTarget.");
    }

    @Test
    void targetWithoutPort() {
        assertFieldFailure(TargetWithoutPort.class, "@SimulatedLink on field 'link' in"
                + " MisconfigurationTests.TargetWithoutPort requires that `target` be host:port with a port from 1 to"
                + " 65535, such as \"127.0.0.1:5432\" or \"[::1]:5432\" (was \"localhost\").");
    }

    @Test
    void finalField() {
        assertFieldFailure(FinalField.class, "@SimulatedLink on field 'link' in MisconfigurationTests.FinalField"
                + " requires that the field not be final, as NetHarness assigns it: remove `final`.");
    }

    @Test
    void unsetTargetProperty() {
        assertFieldFailure(UnsetProperty.class, "@SimulatedLink on field 'link' in MisconfigurationTests.UnsetProperty"
                + " requires that the configuration parameter or system property `netharness.test.unset` named by"
                + " `targetProperty` be set to host:port or a port (it is not set).");
    }

    @Test
    void unparseableSeed() {
        assertFieldFailure(BadSeed.class, "@SimulatedLink on field 'link' in MisconfigurationTests.BadSeed requires"
                + " that `seed` be a decimal or 0x-hexadecimal long such as \"42\" (was \"lucky\").");
    }

    @Test
    void handlerServerWithoutHandler() {
        assertFieldFailure(HandlerWithoutFactory.class, "@InProcessServer on field 'server' in"
                + " MisconfigurationTests.HandlerWithoutFactory requires that `handler` or `handlerMethod` be set, as"
                + " the kind is HANDLER.");
    }

    @Test
    void blankLinkName() {
        assertFieldFailure(BlankName.class, "@SimulatedLink on field 'link' in MisconfigurationTests.BlankName"
                + " requires that `name` be a name without leading or trailing blanks, or \"\" for the default"
                + " (link) (was \" \").");
    }

    @Test
    void misconfiguredParameterFailsItsTestAndNamesTheParameter() {
        EngineExecutionResults results = TestKit.run(BadParameter.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                cause(instanceOf(ExtensionConfigurationException.class), message("@SimulatedLink on parameter"
                        + " [0] of method test(TcpLink) in MisconfigurationTests.BadParameter requires that"
                        + " `reorderGap` be at least 1 (was 0).")))));
    }

    @Test
    void misconfiguredStaticFieldFailsTheClass() {
        EngineExecutionResults results = TestKit.run(BadStaticField.class);
        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(BadStaticField.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message("@SimulatedLink on"
                        + " field 'link' in MisconfigurationTests.BadStaticField requires that `corrupt` be between"
                        + " 0.0 and 1.0 (was 2.0)."))));
    }

    @Test
    void noPortIsOpenedWhenAnyFieldIsMisconfigured() {
        TestKit.run(ServerThenBadLink.class);
        assertThat(ServerThenBadLink.server).as("the server field is assigned only after all fields validated")
                .isNull();
    }

    static String expectedLinkTypes() {
        return "Link, TcpLink, UdpLink or MulticastLink (of io.netharness.simulator)"
                + " or ToxiproxyLink (of io.netharness.toxiproxy)";
    }

    // ---- fixtures, run only through TestKit ----

    static class UnknownServer {
        @InProcessServer HarnessServer echo;
        @io.netharness.junit.SimulatedLink(targetServer = "ecko") TcpLink link;

        @Test void test() {}
    }

    static class StaticLinkToInstanceServer {
        @InProcessServer HarnessServer echo;
        @io.netharness.junit.SimulatedLink(targetServer = "echo") static TcpLink link;

        @Test void test() {}
    }

    static class ProtocolAgainstType {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", protocol = Protocol.UDP) TcpLink link;

        @Test void test() {}
    }

    static class ShortBursts {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", loss = 0.1, burstLength = 0.5) TcpLink link;

        @Test void test() {}
    }

    static class FourLossStates {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", lossStates = {0.01, 0.3, 0.2, 0.1})
        TcpLink link;

        @Test void test() {}
    }

    static class LossStatesAboveOne {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432",
                upstream = @Profile(lossStates = {0.01, 0.7, 0.5, 0.1, 0.0})) TcpLink link;

        @Test void test() {}
    }

    static class LossStatesAndLoss {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", loss = 0.1,
                lossStates = {0.01, 0.3, 0.2, 0.1, 0.005}) TcpLink link;

        @Test void test() {}
    }

    static class LossStatesAndBursts {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", burstLength = 3,
                lossStates = {0.01, 0.3, 0.2, 0.1, 0.005}) TcpLink link;

        @Test void test() {}
    }

    static class UnknownDistribution {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", latency = "5ms",
                upstream = @Profile(distribution = "gaussian")) TcpLink link;

        @Test void test() {}
    }

    static class UnknownMtuAction {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", mtu = 576,
                downstream = @Profile(mtuAction = "fragment")) TcpLink link;

        @Test void test() {}
    }

    static class LossAboveOne {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", loss = 1.5) TcpLink link;

        @Test void test() {}
    }

    static class NegativeDownstreamLoss {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", downstream = @Profile(loss = -0.5))
        TcpLink link;

        @Test void test() {}
    }

    static class BadDuration {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", latency = "20 parsecs") TcpLink link;

        @Test void test() {}
    }

    static class BadRate {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", upstream = @Profile(bandwidth = "fast"))
        TcpLink link;

        @Test void test() {}
    }

    static class JitterAboveLatency {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", latency = "10ms", jitter = "15ms")
        TcpLink link;

        @Test void test() {}
    }

    static class WrongFieldType {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432") String link;

        @Test void test() {}
    }

    static class WrongServerType {
        @InProcessServer String server;

        @Test void test() {}
    }

    static class TwoTargets {
        @InProcessServer HarnessServer echo;
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", targetServer = "echo") Link link;

        @Test void test() {}
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER})
    @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", latency = "1ms")
    @interface FixedTarget {}

    static class ComposedConflict {
        @InProcessServer HarnessServer echo;
        @FixedTarget @LinkTarget(server = "echo") TcpLink link;

        @Test void test() {}
    }

    static class NoTarget {
        @io.netharness.junit.SimulatedLink(latency = "1ms") TcpLink link;

        @Test void test() {}
    }

    static class TargetWithoutPort {
        @io.netharness.junit.SimulatedLink(target = "localhost") TcpLink link;

        @Test void test() {}
    }

    static class FinalField {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432") final TcpLink link = null;

        @Test void test() {}
    }

    static class UnsetProperty {
        @io.netharness.junit.SimulatedLink(targetProperty = "netharness.test.unset") TcpLink link;

        @Test void test() {}
    }

    static class BadSeed {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", seed = "lucky") TcpLink link;

        @Test void test() {}
    }

    static class BlankName {
        @io.netharness.junit.SimulatedLink(name = " ", target = "127.0.0.1:5432") TcpLink link;

        @Test void test() {}
    }

    static class HandlerWithoutFactory {
        @InProcessServer(ServerKind.HANDLER) HarnessServer server;

        @Test void test() {}
    }

    static class BadParameter {
        @Test void test(@io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", reorder = 0.1, reorderGap = 0)
                TcpLink link) {}
    }

    static class BadStaticField {
        @io.netharness.junit.SimulatedLink(target = "127.0.0.1:5432", corrupt = 2.0) static TcpLink link;

        @Test void test() {}
    }

    static class ServerThenBadLink {
        @InProcessServer static HarnessServer server;
        @io.netharness.junit.SimulatedLink(targetServer = "server", loss = 7) static TcpLink link;

        @Test void test() {}
    }
}
