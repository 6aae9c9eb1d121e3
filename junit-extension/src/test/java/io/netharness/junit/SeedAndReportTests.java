package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.core.servers.HarnessServer;
import io.netharness.junit.internal.ReplayHint;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.TcpLink;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** Seeds per test derived from a run seed, replay by property and by annotation, and the failure report. */
@Isolated("fixtures record into one shared map")
class SeedAndReportTests {

    @BeforeEach
    void clear() {
        Fixtures.RECORDED.clear();
    }

    @Test
    void sameRunSeedReplaysTheSameDecisionsAndAnotherDiffers() {
        TestKit.run(Corrupting.class, Map.of("netharness.seed", "42"));
        Object seed42 = Fixtures.RECORDED.get("seed");
        Object fingerprint42 = Fixtures.RECORDED.get("fingerprint");
        TestKit.run(Corrupting.class, Map.of("netharness.seed", "42"));
        assertThat(Fixtures.RECORDED.get("seed")).isEqualTo(seed42);
        assertThat(Fixtures.RECORDED.get("fingerprint")).as("what crossed a corrupting link, replayed")
                .isEqualTo(fingerprint42);
        TestKit.run(Corrupting.class, Map.of("netharness.seed", "0x2b"));
        assertThat(Fixtures.RECORDED.get("seed")).as("0x2b is 43").isNotEqualTo(seed42);
        assertThat(Fixtures.RECORDED.get("fingerprint")).isNotEqualTo(fingerprint42);
    }

    @Test
    void seedOfALinkDerivesFromTheTestSeedAndTheLinkName() {
        TestKit.run(Corrupting.class, Map.of("netharness.seed", "42"));
        long runSeed = 42;
        long classSeed = Seeds.derive(runSeed, "[engine:junit-jupiter]/[class:" + Corrupting.class.getName() + "]");
        long testSeed = Seeds.derive(classSeed, "[engine:junit-jupiter]/[class:" + Corrupting.class.getName()
                + "]/[method:corrupts()]");
        assertThat(Fixtures.RECORDED.get("seed")).isEqualTo(
                Seeds.derive(testSeed, "link/field 'link' in SeedAndReportTests.Corrupting"));
    }

    @Test
    void annotatedSeedReplaysWhateverTheRunSeed() {
        TestKit.run(Annotated.class, Map.of("netharness.seed", "1"));
        assertThat(Fixtures.RECORDED.get("first.seed")).isEqualTo(Fixtures.RECORDED.get("second.seed"))
                .isEqualTo(Seeds.derive(0x5eedL, "link/field 'link' in SeedAndReportTests.Annotated"));
        assertThat(Fixtures.RECORDED.get("first.fingerprint")).isEqualTo(Fixtures.RECORDED.get("second.fingerprint"));
        Object fingerprint = Fixtures.RECORDED.get("first.fingerprint");
        TestKit.run(Annotated.class, Map.of("netharness.seed", "2"));
        assertThat(Fixtures.RECORDED.get("first.fingerprint")).isEqualTo(fingerprint);
    }

    @Test
    void failedTestReportsItsSeedsHowToReplayAndItsLinks() {
        EngineExecutionResults results = TestKit.run(Failing.class, Map.of("netharness.seed", "0x10"));
        results.testEvents().assertStatistics(stats -> stats.failed(1).succeeded(1));
        Map<String, String> entries = entries(results, "fails");
        long testSeed = Seeds.derive(Seeds.derive(0x10, "[engine:junit-jupiter]/[class:" + Failing.class.getName()
                + "]"), "[engine:junit-jupiter]/[class:" + Failing.class.getName() + "]/[method:fails()]");
        assertThat(entries.get("netharness.seed"))
                .isEqualTo("test seed " + Seeds.format(testSeed) + ", run seed 0x10L");
        assertThat(entries.get("netharness.replay")).isEqualTo("to replay this test add @NetHarnessSeed("
                + Seeds.format(testSeed) + ") to it, or re-run with -Dnetharness.seed=0x10");
        String linkSeed = Long.toHexString((Long) Fixtures.RECORDED.get("seed"));
        assertThat(entries.get("netharness.link.link"))
                .startsWith("TcpLink{127.0.0.1:")
                .contains("seed 0x" + linkSeed + "L (fix it with @SimulatedLink(seed = \"0x" + linkSeed + "\"))")
                .contains("LinkStatistics{upstream: in 1 (5 bytes), delivered 1 (5 bytes), dropped 0");
        assertThat(entries.get("netharness.link.shared")).as("class-scoped links are reported too").isNotNull();
        assertThat(entries(results, "passes")).as("a passing test reports nothing").isEmpty();

        Throwable thrown = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(thrown).hasMessage("expected to fail");
        assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(ReplayHint.class)
                .extracting(Throwable::getMessage).as("seeds, replay and every link, in the failure itself")
                .isEqualTo("NetHarness " + entries.get("netharness.seed") + "; " + entries.get("netharness.replay")
                        + System.lineSeparator() + "  link 'link': " + entries.get("netharness.link.link")
                        + System.lineSeparator() + "  link 'shared': " + entries.get("netharness.link.shared"));
    }

    @Test
    void failingBeforeEachGetsTheReplayHintToo() {
        EngineExecutionResults results = TestKit.run(FailingBeforeEach.class, Map.of("netharness.seed", "5"));
        Throwable thrown = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(thrown).hasMessage("setup failed");
        assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(ReplayHint.class)
                .extracting(Throwable::getMessage).asString().contains("-Dnetharness.seed=0x5");
        assertThat(entries(results, "test")).containsKeys("netharness.seed", "netharness.replay", "netharness.link.link");
    }

    private static Map<String, String> entries(EngineExecutionResults results, String method) {
        List<Event> events = results.allEvents().reportingEntryPublished()
                .filter(event -> event.getTestDescriptor().getDisplayName().equals(method + "()")).toList();
        return events.stream().map(event -> event.getPayload(ReportEntry.class).orElseThrow())
                .flatMap(entry -> entry.getKeyValuePairs().entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    // ---- fixtures, run only through TestKit ----

    static class Corrupting {
        @InProcessServer static HarnessServer echo;
        @SimulatedLink(targetServer = "echo", corrupt = 0.5) TcpLink link;

        @Test
        void corrupts() throws IOException {
            Fixtures.RECORDED.put("seed", link.seed());
            Fixtures.RECORDED.put("fingerprint", Fixtures.corruptionFingerprint(link));
        }
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class Annotated {
        @InProcessServer static HarnessServer echo;
        @SimulatedLink(targetServer = "echo", corrupt = 0.5) TcpLink link;

        @Test
        @NetHarnessSeed(0x5eedL)
        void first() throws IOException {
            Fixtures.RECORDED.put("first.seed", link.seed());
            Fixtures.RECORDED.put("first.fingerprint", Fixtures.corruptionFingerprint(link));
        }

        @Test
        @NetHarnessSeed(0x5eedL)
        void second() throws IOException {
            Fixtures.RECORDED.put("second.seed", link.seed());
            Fixtures.RECORDED.put("second.fingerprint", Fixtures.corruptionFingerprint(link));
        }
    }

    static class FailingBeforeEach {
        @InProcessServer static HarnessServer echo;
        @SimulatedLink(targetServer = "echo") TcpLink link;

        @BeforeEach
        void setUp() {
            throw new IllegalStateException("setup failed");
        }

        @Test
        void test() {}
    }

    static class Failing {
        @InProcessServer static HarnessServer echo;
        @SimulatedLink(targetServer = "echo") static TcpLink shared;
        @SimulatedLink(targetServer = "echo") TcpLink link;

        @Test
        void fails() throws IOException {
            Fixtures.RECORDED.put("seed", link.seed());
            assertThat(Clients.roundTrip(link.address(), "hello")).isEqualTo("hello");
            throw new AssertionError("expected to fail");
        }

        @Test
        void passes() {}
    }
}
