package io.netharness.benchmarks.halfclose;

import java.util.ArrayList;
import java.util.List;

/**
 * One case of the half-close matrix: which side half-closes first, whether the reader is slow, whether the
 * reader's receive buffer is 4 KiB, whether the link is impaired (5 ms latency, 2 ms jitter both ways), and which
 * kind of link carries it.
 */
public record HalfCloseCase(Order order, boolean slowReader, boolean smallBuffer, boolean impaired, Via via) {

    /** The link a case crosses. */
    public enum Via {
        /** A {@code TcpLink} in the test's own JVM. */
        TCP_LINK,
        /** A {@code serve --no-api}-style {@code --link}, in a process of its own. */
        SERVE_LINK,
        /** A proxy created over {@code serve}'s HTTP API, in a process of its own. */
        API_PROXY
    }

    /** Every combination, 48 in all. */
    public static List<HalfCloseCase> all() {
        List<HalfCloseCase> cases = new ArrayList<>();
        for (Via via : Via.values()) {
            for (Order order : Order.values()) {
                for (boolean slow : new boolean[] {false, true}) {
                    for (boolean small : new boolean[] {false, true}) {
                        for (boolean impaired : new boolean[] {false, true}) {
                            cases.add(new HalfCloseCase(order, slow, small, impaired, via));
                        }
                    }
                }
            }
        }
        return cases;
    }

    /** The upstream server the case needs (the server's reading side differs per case in SERVER_FIRST). */
    String upstreamKey() {
        return order == Order.CLIENT_FIRST ? "cf"
                : "sf-" + (slowReader ? "slow" : "fast") + "-" + (smallBuffer ? "4k" : "default");
    }

    /** The name of the serve link or API proxy the case crosses. */
    String linkName() {
        return upstreamKey() + (impaired ? "-impaired" : "-plain");
    }

    @Override
    public String toString() {
        return order + (slowReader ? ", slow reader" : ", fast reader") + (smallBuffer ? ", 4 KiB buffer" : "")
                + (impaired ? ", impaired " : ", unimpaired ") + via;
    }
}
