package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measurement 9: the same seed in two cold JVMs delivers the same datagrams. Each run is a fresh child JVM
 * ({@link ColdReplayProbe}) sending numbered datagrams at 20,000/s through a link with loss, duplication,
 * reordering, corruption and jitter; the runs of a pair are compared by the digest of everything delivered. A pair
 * with the warm-up off shows what a cold link did before it, and one more cold JVM sends at 100,000/s.
 */
public final class ColdReplay {

    static final long PER_SECOND = 20_000;
    static final long SEED = 0xc01d_5eedL;
    static final long FAST_PER_SECOND = 100_000;

    /** One cold JVM's figures. */
    record Run(long sent, long read, long delivered, long linkDelivered, long droppedBeforeLink, long lateSends,
            String digest) {
        static Run of(Map<String, String> figures) {
            return new Run(Long.parseLong(figures.get("sent")), Long.parseLong(figures.get("read")),
                    Long.parseLong(figures.get("delivered")), Long.parseLong(figures.get("linkDelivered")),
                    Long.parseLong(figures.get("droppedBeforeLink")), Long.parseLong(figures.get("lateSends")),
                    figures.get("digest"));
        }

        /** The link read every datagram sent, and the receiver got all it delivered: the run can be compared. */
        boolean clean() {
            return droppedBeforeLink == 0 && read == sent && delivered == linkDelivered;
        }
    }

    private ColdReplay() {
    }

    /** Two cold JVMs with the same seed at 20,000/s, the warm-up on ({@code warmup}) or off. */
    static List<Run> pair(int datagrams, boolean warmup) {
        return List.of(once(datagrams, PER_SECOND, warmup), once(datagrams, PER_SECOND, warmup));
    }

    /** One cold JVM. */
    static Run once(int datagrams, long perSecond, boolean warmup) {
        return Run.of(ChildFigures.run(warmup ? List.of() : List.of("-Dnetharness.warmup=false"),
                ColdReplayProbe.class, Integer.toString(datagrams), Long.toString(perSecond), Long.toString(SEED)));
    }

    public static Section run(SuiteConfig config) {
        int datagrams = config.replayDatagrams();
        List<Run> warm = pair(datagrams, true);
        List<Run> cold = pair(datagrams, false);
        Run fast = once(datagrams, FAST_PER_SECOND, true);
        Section section = new Section("9. Replay in cold JVMs: same seed, same delivered datagrams");
        section.header("warm-up", "run", "sent", "read by the link", "delivered", "link delivered",
                "dropped before the link",
                "sends > 1 ms late", "digest of the delivered set");
        addRows(section, "on", warm);
        addRows(section, "off", cold);
        addRows(section, "on, at 100,000/s", List.of(fast));
        boolean same = warm.get(0).digest().equals(warm.get(1).digest());
        boolean noneBefore = warm.stream().allMatch(Run::clean);
        section.note(String.format("%,d numbered 64-byte datagrams at %,d/s, each run a fresh JVM, seed 0x%x, through a"
                + " UdpLink with %s upstream. \"Delivered\" is what the receiver got (duplicates and corrupted copies"
                + " included); the digest is SHA-256 of the sorted (CRC-32 of content, sequence number) pairs, so two"
                + " runs have the same digest exactly when they delivered the same multiset of datagrams, whatever"
                + " the order. With the warm-up on, the two runs %s. The last row sends the same datagrams at"
                + " %,d/s, to show whether a cold link keeps up with that rate.", datagrams, PER_SECOND, SEED,
                ColdReplayProbe.PROFILE, same ? "delivered identical sets" : "DIFFERED", FAST_PER_SECOND));
        section.goal(new Goal("two cold JVMs, same seed: identical delivered sets, nothing dropped before the link",
                "identical, 0 drops", (same ? "identical" : "different") + ", " + (noneBefore ? "0 drops"
                        : "drops before the link"), same && noneBefore));
        section.goal(new Goal("a cold JVM at 100,000 datagrams/s: nothing dropped before the link", "0",
                String.format("%,d", fast.droppedBeforeLink()), fast.droppedBeforeLink() == 0));
        return section;
    }

    private static void addRows(Section section, String warmup, List<Run> runs) {
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            section.row(warmup, i + 1, String.format("%,d", run.sent()), String.format("%,d", run.read()),
                    String.format("%,d", run.delivered()),
                    String.format("%,d", run.linkDelivered()), String.format("%,d", run.droppedBeforeLink()),
                    String.format("%,d", run.lateSends()), "`" + run.digest().substring(0, 16) + "…`");
        }
    }
}
