package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.core.servers.HarnessServer;
import io.netharness.simulator.TcpLink;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * 200 tests run concurrently, each with its own servers and links (fields and parameters): all pass, every link gets
 * its own seed, and afterwards every link and server is closed and no thread the suite started is left.
 */
@Isolated("compares the threads of the whole JVM before and after")
class ParallelSuiteTests {

    static final int TESTS = 200;

    @Test
    void twoHundredConcurrentTestsWithTheirOwnServersAndLinks() throws InterruptedException {
        Concurrent.reset();
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        EngineExecutionResults results = TestKit.run(Concurrent.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "8"));

        List<String> failures = results.testEvents().failed().stream()
                .map(event -> event.getTestDescriptor().getDisplayName() + ": " + event.getPayload(
                        org.junit.platform.engine.TestExecutionResult.class).flatMap(
                        org.junit.platform.engine.TestExecutionResult::getThrowable).map(ParallelSuiteTests::describe)
                        .orElse("?"))
                .toList();
        assertThat(failures).as("inner tests that failed, with their errors").isEmpty();
        results.testEvents().assertStatistics(stats -> stats.started(TESTS).succeeded(TESTS).failed(0));
        assertThat(Concurrent.mostAtOnce.get()).as("tests that overlapped").isGreaterThan(1);
        assertThat(Concurrent.links).hasSize(2 * TESTS);
        assertThat(Concurrent.seeds).as("every link has its own seed").hasSize(2 * TESTS);
        assertThat(Concurrent.links).allSatisfy(link -> assertThat(link).hasToString("TcpLink{closed}"));
        assertThat(Concurrent.servers).hasSize(2 * TESTS)
                .allSatisfy(server -> assertThat(server.toString()).contains("closed"));
        assertThat(newThreadsAliveAfter(before, Duration.ofSeconds(10))).as("threads left by the suite").isEmpty();
    }

    /** The throwable with its causes and suppressed exceptions, which JUnit's close errors hide behind. */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" / caused by ").append(cause);
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            text.append(" / suppressed ").append(describe(suppressed));
        }
        return text.toString();
    }

    /**
     * Threads started since {@code before} and still alive once {@code grace} has passed (threads may take a
     * moment to exit after close), except harness-core's shared event loops, which live as long as the JVM, and new
     * workers of thread pools that existed before (the outer test run's own pool grows as it likes).
     */
    private static List<String> newThreadsAliveAfter(Set<Thread> before, Duration grace) throws InterruptedException {
        Set<String> oldPools = before.stream().map(thread -> thread.getName().replaceFirst("-worker-\\d+$", ""))
                .collect(java.util.stream.Collectors.toSet());
        long deadline = System.nanoTime() + grace.toNanos();
        while (true) {
            List<String> alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread) && thread.isAlive()
                            && !thread.getName().startsWith("netharness-io-")
                            && !oldPools.contains(thread.getName().replaceFirst("-worker-\\d+$", "")))
                    .map(Thread::getName).toList();
            if (alive.isEmpty() || System.nanoTime() > deadline) {
                return alive;
            }
            Thread.sleep(20); // a bounded poll: thread exit cannot be awaited otherwise
        }
    }

    // ---- fixture, run only through TestKit ----

    static class Concurrent {
        static final Set<TcpLink> links = ConcurrentHashMap.newKeySet();
        static final Set<Long> seeds = ConcurrentHashMap.newKeySet();
        static final Set<HarnessServer> servers = ConcurrentHashMap.newKeySet();
        static final AtomicInteger running = new AtomicInteger();
        static final AtomicInteger mostAtOnce = new AtomicInteger();

        static void reset() {
            links.clear();
            seeds.clear();
            servers.clear();
            running.set(0);
            mostAtOnce.set(0);
        }

        @InProcessServer HarnessServer own;
        @SimulatedLink(targetServer = "own", latency = "1ms") TcpLink fieldLink;

        @RepeatedTest(TESTS)
        void test(RepetitionInfo repetition, @InProcessServer(name = "mine") HarnessServer mine,
                @SimulatedLink(targetServer = "mine", jitter = "0ms", corrupt = 0.0) TcpLink link) throws IOException {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                String message = "test " + repetition.getCurrentRepetition();
                assertThat(Clients.roundTrip(link.address(), message)).isEqualTo(message);
                assertThat(Clients.roundTrip(fieldLink.address(), message)).isEqualTo(message);
                assertThat(link.target()).isEqualTo(mine.address());
                assertThat(fieldLink.target()).isEqualTo(own.address());
                links.add(link);
                links.add(fieldLink);
                seeds.add(link.seed());
                seeds.add(fieldLink.seed());
                servers.add(mine);
                servers.add(own);
            } finally {
                running.decrementAndGet();
            }
        }
    }
}
