package io.netharness.simulator.internal.tcp;

/**
 * What a lost segment looks like to an application on TCP: not missing bytes, but a pause while the sender waits
 * for its retransmission timeout (RTO) and sends again. Consecutive losses back off exponentially, as in Linux:
 * the first stall lasts {@code initialNanos} (Linux's minimum RTO is 200 ms), each further consecutive loss
 * doubles it up to {@code maxNanos}, and any segment that gets through resets it.
 *
 * <p>Deliberately simpler than real TCP (no fast retransmit, no RTT estimate): the point is a seeded, explainable
 * stall. Threads: one instance per direction of one connection, used on its event loop only.
 */
final class RetransmissionStall {

    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;

    RetransmissionStall(long initialNanos, long maxNanos) {
        if (initialNanos <= 0) {
            throw new IllegalArgumentException("initialRto: " + initialNanos + "ns (expected: > 0)");
        }
        if (maxNanos < initialNanos) {
            throw new IllegalArgumentException("maxRto: " + maxNanos + "ns (expected: >= initialRto " + initialNanos + "ns)");
        }
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
        this.nextNanos = initialNanos;
    }

    /** A segment was lost: returns how long it stalls the stream and backs off for the next consecutive loss. */
    long lost() {
        long stall = nextNanos;
        nextNanos = Math.min(maxNanos, nextNanos * 2);
        return stall;
    }

    /** A segment got through: the next loss stalls for the initial timeout again. */
    void delivered() {
        nextNanos = initialNanos;
    }
}
