package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.netharness.core.servers.HarnessServer;
import io.netharness.simulator.TcpLink;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Only real failures get seeds, a replay hint and link statistics: skips and misconfigurations do not; and messages
 * about names list what exists instead of an empty list.
 */
class FailureReportTests {

    private static Throwable thrown(EngineExecutionResults results) {
        return results.testEvents().finished().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @Test
    void aSkippedTestIsReportedAsSkippedWithoutSeedsOrLinks() {
        EngineExecutionResults results = TestKit.run(Skipping.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).aborted(1).failed(0));
        assertThat(thrown(results)).hasMessage("Assumption failed: no database here").hasNoSuppressedExceptions();
        assertThat(results.allEvents().reportingEntryPublished().count()).isZero();
    }

    @Test
    void aMisconfiguredFieldGetsNoReplayHintAndNoReport() {
        EngineExecutionResults results = TestKit.run(MisconfiguredField.class);
        results.testEvents().assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message("@SimulatedLink on field 'link' in"
                        + " FailureReportTests.MisconfiguredField requires that `loss` be between 0.0 and 1.0"
                        + " (was 1.5)."))));
        assertThat(thrown(results)).hasNoSuppressedExceptions();
        assertThat(results.allEvents().reportingEntryPublished().count()).isZero();
    }

    @Test
    void aMisconfiguredParameterGetsNoReplayHint() {
        EngineExecutionResults results = TestKit.run(MisconfiguredParameter.class);
        results.testEvents().assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(
                instanceOf(ParameterResolutionException.class), cause(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("requires that `loss` be between 0.0 and 1.0 (was -1.0)."))))));
        assertThat(thrown(results)).hasNoSuppressedExceptions();
        assertThat(results.allEvents().reportingEntryPublished().count()).isZero();
    }

    @Test
    void theSimulatorsTopologyAsAParameterNamesTheRightType() {
        EngineExecutionResults results = TestKit.run(WrongNetworkImport.class);
        results.testEvents().assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(
                instanceOf(ParameterResolutionException.class), cause(instanceOf(ExtensionConfigurationException.class),
                        message("NetHarness injects io.netharness.junit.Network, but parameter [0] of method"
                                + " test(Topology) in FailureReportTests.WrongNetworkImport is declared"
                                + " io.netharness.simulator.topology.Topology (the simulator's partition model for"
                                + " links you build yourself): declare io.netharness.junit.Network instead.")))));
        assertThat(thrown(results)).hasNoSuppressedExceptions();
    }

    @Test
    void isolateListsTheServersThereAreWhenNoLinkLeadsToOneByName() {
        EngineExecutionResults results = TestKit.run(LinksByAddress.class);
        assertThat(thrown(results)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no link leads to a server named \"no-such-server\" (no link leads to an in-process server"
                        + " by `targetServer`; in-process servers: \"first\", \"second\")");
    }

    @Test
    void anEmptyNetworkSaysItHasNothingInsteadOfAnEmptyList() {
        EngineExecutionResults results = TestKit.run(NothingToSee.class);
        assertThat(results.testEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()
                        .getMessage()))
                .containsExactlyInAnyOrder("no link named \"x\" (the test sees no links)",
                        "no link leads to a server named \"x\" (no link leads to an in-process server by"
                                + " `targetServer`; the test sees no in-process servers)");
    }

    // ---- fixtures, run only through TestKit ----

    static class Skipping {
        @InProcessServer static HarnessServer echo;
        @SimulatedLink(targetServer = "echo") TcpLink link;

        @Test
        void test() {
            Assumptions.assumeTrue(false, "no database here");
        }
    }

    static class MisconfiguredField {
        @InProcessServer static HarnessServer echo;
        @SimulatedLink(targetServer = "echo") static TcpLink shared;
        @SimulatedLink(targetServer = "echo", loss = 1.5) TcpLink link;

        @Test
        void test() {}
    }

    static class MisconfiguredParameter {
        @InProcessServer static HarnessServer echo;
        @SimulatedLink(targetServer = "echo") static TcpLink shared;

        @Test
        void test(@SimulatedLink(targetServer = "echo", loss = -1.0) TcpLink link) {}
    }

    @NetHarness
    static class WrongNetworkImport {
        @Test
        void test(io.netharness.simulator.topology.Topology network) {}
    }

    static class LinksByAddress {
        @InProcessServer HarnessServer first;
        @InProcessServer(name = "second") HarnessServer other;
        @SimulatedLink(targetMethod = "firstAddress") TcpLink byAddress;

        InetSocketAddress firstAddress() {
            return first.address();
        }

        @Test
        void test(Network network) {
            network.isolate("no-such-server");
        }
    }

    @NetHarness
    static class NothingToSee {
        @Test
        void link(Network network) {
            network.link("x");
        }

        @Test
        void isolate(Network network) {
            network.isolate("x");
        }
    }
}
