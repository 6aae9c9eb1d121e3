package io.netharness.junit.internal;

import io.netharness.simulator.Direction;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.SimulatedLink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed test tells about its network: the seeds and how to replay them, and for each link its seed,
 * profiles, statistics and capture file. Published as report entries (they show in IDEs and in Surefire's XML
 * reports) and logged at WARN.
 */
public final class FailureReport {

    private static final Logger LOG = LoggerFactory.getLogger("io.netharness.junit");

    private FailureReport() {}

    /** The report entries for a failed test, in order. */
    public static Map<String, String> entries(ExtensionContext test) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("netharness.seed", seeds(test));
        entries.put("netharness.replay", replay(test));
        for (Registry registry : Scopes.visibleRegistries(test)) {
            for (ManagedLink link : registry.links()) {
                entries.put("netharness.link." + link.name(), describe(link));
                link.capture().ifPresent(path -> entries.put("netharness.capture." + link.name(),
                        path.toAbsolutePath().toString()));
            }
        }
        return entries;
    }

    /** {@code test seed 0x…L, run seed 0x…L} */
    public static String seeds(ExtensionContext test) {
        return "test seed " + Seeds.format(TestSeeds.seedOf(test)) + ", run seed "
                + Seeds.format(TestSeeds.runSeed(test));
    }

    /** The two ways to replay: annotate the test, or fix the run seed. */
    public static String replay(ExtensionContext test) {
        String runSeed = Seeds.format(TestSeeds.runSeed(test));
        return "to replay this test add @NetHarnessSeed(" + Seeds.format(TestSeeds.seedOf(test))
                + ") to it, or re-run with -D" + TestSeeds.PROPERTY + "=" + runSeed.substring(0, runSeed.length() - 1);
    }

    /** Publishes the entries and logs them; called once per failed test. */
    public static void publish(ExtensionContext test) {
        Map<String, String> entries = entries(test);
        entries.forEach(test::publishReportEntry);
        if (LOG.isWarnEnabled()) {
            StringBuilder text = new StringBuilder("NetHarness report for failed test ")
                    .append(test.getDisplayName()).append(" (").append(test.getUniqueId()).append(')');
            entries.forEach((key, value) -> text.append(System.lineSeparator())
                    .append("  ").append(key).append(": ").append(value));
            LOG.warn(text.toString());
        }
    }

    static String describe(ManagedLink managed) {
        long seed = managed.link().seed();
        String hex = "0x" + Long.toHexString(seed);
        return managed.link() + " seed " + Seeds.format(seed) + " (fix it with @SimulatedLink(seed = \"" + hex
                + "\")); upstream " + managed.link().profile(Direction.UPSTREAM) + "; downstream "
                + managed.link().profile(Direction.DOWNSTREAM) + "; " + statistics(managed.link());
    }

    /** The link's figures, or why it has none (a proxy on a Toxiproxy server keeps none). */
    private static String statistics(SimulatedLink link) {
        try {
            return String.valueOf(link.statistics());
        } catch (UnsupportedOperationException e) {
            return "no statistics (" + e.getMessage() + ")";
        }
    }

    /** Report lines for a list of links, for messages of assertions and leak checks. */
    static String describe(List<ManagedLink> links) {
        StringBuilder text = new StringBuilder();
        links.forEach(link -> text.append(link.name()).append(": ").append(describe(link))
                .append(System.lineSeparator()));
        return text.toString();
    }
}
