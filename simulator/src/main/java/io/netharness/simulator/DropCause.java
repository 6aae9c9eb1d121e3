package io.netharness.simulator;

/**
 * Why bytes that a link read were not delivered. {@link DirectionStatistics#droppedBytes()} counts the bytes under
 * each cause, so a statistic never says "nothing dropped" when something the link read did not arrive.
 */
public enum DropCause {

    /** The link's profile or state dropped it on purpose: loss, a cut or partition, too large for the MTU. */
    IMPAIRMENT,

    /** A connection fault discarded it: a blackhole, a data limit, or a reset or timeout the fault caused. */
    FAULT,

    /**
     * The connection ended while the link still held it: a peer reset or closed its side (a write to it failed
     * with an I/O error), or the link was closed.
     */
    CONNECTION_ENDED,

    /**
     * Writing to the receiving socket failed for a reason of the link's own, not an I/O error of the connection.
     * The link then resets both sides, so neither application mistakes the shortened stream for a complete one.
     */
    WRITE_FAILED,

    /** The link could not connect to its target, so what the client had sent had nowhere to go. */
    TARGET_UNAVAILABLE
}
