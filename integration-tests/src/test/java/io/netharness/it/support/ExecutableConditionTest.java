package io.netharness.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A class whose server binary is missing is skipped as a whole, saying why, before its {@code @BeforeAll} runs. */
class ExecutableConditionTest {

    private static final String MISSING = "netharness-no-such-server (Debian package netharness-nothing) is not"
            + " available on this machine; install the Debian packages with: sudo bash .ci/setup-tools";

    @Test
    void aClassWhoseBinaryIsMissingIsSkippedWithTheReasonOrFailsOnCi() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(NeedsAMissingServer.class)).execute();
        assertThat(NeedsAMissingServer.BEFORE_ALL_RUNS).as("@BeforeAll runs").hasValue(0);
        if (Prerequisites.onCi()) {
            results.containerEvents().assertThatEvents().haveExactly(1, event(container(NeedsAMissingServer.class),
                    finishedWithFailure(instanceOf(AssertionError.class), message(MISSING
                            + " (CI=true: a missing prerequisite fails the build instead of skipping)"))));
        } else {
            results.containerEvents().assertThatEvents().haveExactly(1, event(container(NeedsAMissingServer.class),
                    skippedWithReason(MISSING + " (skipped; with CI=true it would fail)")));
        }
        results.testEvents().assertStatistics(stats -> stats.started(0));
    }

    @Test
    void aClassWhoseBinariesAreInstalledRuns() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(NeedsSh.class)).execute();
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    // ---- fixtures, run only through the TestKit ----

    @RequiresExecutable(value = "netharness-no-such-server", debianPackage = "netharness-nothing")
    static class NeedsAMissingServer {
        static final AtomicInteger BEFORE_ALL_RUNS = new AtomicInteger();

        @BeforeAll
        static void startServer() {
            BEFORE_ALL_RUNS.incrementAndGet();
        }

        @Test
        void test() {}
    }

    @RequiresExecutable(value = "sh", debianPackage = "dash")
    @RequiresExecutable(value = "env", debianPackage = "coreutils")
    static class NeedsSh {
        @Test
        void test() {}
    }
}
