package io.netharness.simulator;

/** What {@link InProcessLink#cut(CutMode)} does to traffic and connections already in flight. */
public enum CutMode {
    /**
     * Existing connections (TCP) and client sessions (UDP) stay open, but nothing crosses the link until
     * {@link InProcessLink#heal()}; new TCP connections are accepted and reset at once. Datagrams already in flight
     * still arrive.
     */
    KEEP_EXISTING,
    /**
     * As {@link #KEEP_EXISTING}, and in addition existing connections are reset, UDP client sessions are
     * forgotten and datagrams in flight (delayed or held for reordering) are discarded.
     */
    DROP_EXISTING
}
