package io.netharness.junit.internal;

import io.netharness.simulator.Direction;
import io.netharness.simulator.InProcessLink;
import io.netharness.simulator.Link;
import io.netharness.simulator.Seeds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a failed test tells about its network: the seeds and how to replay them, and for each link its seed,
 * profiles, statistics and capture file. It travels in the failure itself (the message of a suppressed
 * {@link ReplayHint}), so it shows in every console and report whatever logging the user has, and as report
 * entries (IDEs and Surefire's XML reports show those). Nothing is logged.
 */
public final class FailureReport {

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

    /**
     * The message of the {@link ReplayHint}: seeds and replay on the first line, then one line per link the test
     * could see (its own first, then its class's) and one per capture file.
     */
    public static String hint(ExtensionContext test) {
        StringBuilder text = new StringBuilder("NetHarness ").append(seeds(test)).append("; ").append(replay(test));
        entries(test).forEach((key, value) -> {
            if (key.startsWith("netharness.link.")) {
                text.append(System.lineSeparator()).append("  link '")
                        .append(key.substring("netharness.link.".length())).append("': ").append(value);
            } else if (key.startsWith("netharness.capture.")) {
                text.append(System.lineSeparator()).append("  capture of '")
                        .append(key.substring("netharness.capture.".length())).append("': ").append(value);
            }
        });
        return text.toString();
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

    /** Publishes the entries as report entries; called once per failed test. */
    public static void publish(ExtensionContext test) {
        entries(test).forEach(test::publishReportEntry);
    }

    static String describe(ManagedLink managed) {
        long seed = managed.link().seed();
        String hex = "0x" + Long.toHexString(seed);
        return managed.link() + " seed " + Seeds.format(seed) + " (fix it with @SimulatedLink(seed = \"" + hex
                + "\")); upstream " + managed.link().profile(Direction.UPSTREAM) + "; downstream "
                + managed.link().profile(Direction.DOWNSTREAM) + "; " + statistics(managed.link());
    }

    /** The link's figures, or why it has none (a proxy on a Toxiproxy server keeps none). */
    private static String statistics(Link link) {
        return link instanceof InProcessLink measured ? String.valueOf(measured.statistics())
                : "no statistics (a proxy on a Toxiproxy server counts nothing)";
    }

    /** Report lines for a list of links, for messages of assertions and leak checks. */
    static String describe(List<ManagedLink> links) {
        StringBuilder text = new StringBuilder();
        links.forEach(link -> text.append(link.name()).append(": ").append(describe(link))
                .append(System.lineSeparator()));
        return text.toString();
    }
}
