package io.netharness.benchmarks.lineup;

import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.NotMeasured;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contenders of one measurement, each started once in front of the measurement's endpoint and kept until the
 * measurement ends, as a long-running proxy is; each round opens fresh connections (or sockets) through them. A
 * contender this build cannot measure is left out with its reason.
 */
public final class Lineup implements AutoCloseable {

    private final List<Contender> all;
    private final Map<Contender, Hop> hops = new LinkedHashMap<>();
    private final Map<Contender, String> skipped = new LinkedHashMap<>();

    private Lineup(List<Contender> all) {
        this.all = List.copyOf(all);
    }

    /** Starts every contender in front of {@code target}. */
    public static Lineup open(List<Contender> contenders, InetSocketAddress target) {
        Lineup lineup = new Lineup(contenders);
        try {
            for (Contender contender : contenders) {
                try {
                    lineup.hops.put(contender, contender.open(target));
                } catch (NotMeasured e) {
                    lineup.skipped.put(contender, e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            lineup.close();
            throw e;
        }
        return lineup;
    }

    /** Every contender, measured or not, in order. */
    public List<Contender> all() {
        return all;
    }

    /** The contenders that started, in order. */
    public List<Contender> measured() {
        return List.copyOf(hops.keySet());
    }

    /** Why a contender was not measured, or null if it was. */
    public String skipped(Contender contender) {
        return skipped.get(contender);
    }

    /** Where clients reach the endpoint through {@code contender}. */
    public InetSocketAddress address(Contender contender) {
        Hop hop = hops.get(contender);
        if (hop == null) {
            throw new IllegalArgumentException(contender + " was not started (" + skipped.get(contender) + ")");
        }
        return hop.address();
    }

    /** The contender with no proxy. */
    public Contender direct() {
        return measured().stream().filter(c -> c.role() == Role.DIRECT).findFirst()
                .orElseThrow(() -> new IllegalStateException("a lineup needs DIRECT: " + all));
    }

    /** The C relays that started. */
    public List<Contender> floors() {
        return measured().stream().filter(c -> c.role() == Role.FLOOR).toList();
    }

    /** Why no C relay runs, for a goal that needs one: the reason the first one was not started. */
    public String whyNoFloor() {
        return all.stream().filter(c -> c.role() == Role.FLOOR && skipped.containsKey(c)).map(skipped::get)
                .findFirst().orElse("no C relay in this lineup");
    }

    /** The NetHarness contenders of {@code layout} that started. */
    public List<Contender> netHarness(Layout layout) {
        return measured().stream().filter(c -> c.role() == Role.NETHARNESS && c.layout() == layout).toList();
    }

    /**
     * The NetCrusher that {@code contender} is compared with: the one in the same layout; a C relay (own process)
     * and direct are compared with the standalone one.
     */
    public Optional<Contender> netCrusherFor(Contender contender) {
        Layout layout = contender.layout() == Layout.IN_PROCESS ? Layout.IN_PROCESS : Layout.STANDALONE;
        return measured().stream().filter(c -> c.role() == Role.NETCRUSHER && c.layout() == layout).findFirst();
    }

    /** Stops every proxy started; the first failure is thrown after all were tried. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Hop hop : hops.values()) {
            try {
                hop.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
