package io.netharness.benchmarks.lineup;

import io.netharness.benchmarks.hop.Hop;
import java.net.InetSocketAddress;
import java.util.function.Function;

/**
 * One row of a lineup: a proxy (or none), where it runs, what it stands for, and how to start it in front of a
 * target. Starting may throw {@link io.netharness.benchmarks.hop.NotMeasured} (a C compiler missing, say).
 *
 * @param name   the report's name, e.g. {@code NETHARNESS serve --link}
 * @param layout where the proxy runs
 * @param role   what ratios it takes part in
 * @param opener starts the proxy in front of a target and returns it, started
 */
public record Contender(String name, Layout layout, Role role, Function<InetSocketAddress, Hop> opener) {

    /** Starts a fresh proxy in front of {@code target}. */
    public Hop open(InetSocketAddress target) {
        return opener.apply(target);
    }

    @Override
    public String toString() {
        return name;
    }
}
