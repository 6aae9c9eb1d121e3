package io.netharness.benchmarks.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The CI-sized proof of measurement 9: two fresh JVMs send 20,000 datagrams at 20,000/s with the same seed through a
 * link with loss, duplication, reordering, corruption and jitter, and deliver the same multiset of datagrams. (The
 * full 100,000-datagram pair runs in the benchmark suite; BENCHMARKS.md has its result.)
 *
 * <p>A machine so overloaded that the kernel dropped datagrams before the link read them, or that the link could not
 * relay everything within the child's drain time, makes the pair incomparable (the link saw other datagrams); such a
 * pair is reported and repeated, at most three times. Pairs that ran cleanly are compared exactly. Isolated: the
 * other benchmark smoke tests start JVMs too.
 */
@Isolated("two child JVMs at 20,000 datagrams/s: other tests' load would make the kernel drop datagrams")
class ColdReplaySmokeTest {

    private static final int ATTEMPTS = 3;

    @Test
    void twoColdJvmsWithTheSameSeedDeliverTheSameDatagrams() {
        List<ColdReplay.Run> runs = null;
        for (int attempt = 1; attempt <= ATTEMPTS && runs == null; attempt++) {
            List<ColdReplay.Run> pair = ColdReplay.pair(20_000, true);
            System.out.println("cold replay, attempt " + attempt + ": " + pair);
            if (pair.stream().allMatch(ColdReplay.Run::clean)) {
                runs = pair;
            }
        }
        assertThat(runs).as("a pair of runs without drops before the link in %d attempts", ATTEMPTS).isNotNull();

        for (ColdReplay.Run run : runs) {
            assertThat(run.delivered()).as("loss and duplication both acted, %s", run).isNotEqualTo(run.sent())
                    .isBetween(run.sent() * 9 / 10, run.sent() * 11 / 10);
        }
        assertThat(runs.get(1).digest()).as("delivered set of the second cold JVM").isEqualTo(runs.get(0).digest());
    }
}
