package io.netharness.simulator;

/**
 * A link the simulator runs in this JVM ({@link TcpLink}, {@link UdpLink}, {@link MulticastLink}): besides what
 * every {@link Link} does, it lets the caller choose what a cut does to traffic already under way, and it
 * counts everything that crosses it.
 */
public interface InProcessLink extends Link {

    /** Takes the link down, keeping existing connections ({@link CutMode#KEEP_EXISTING}). */
    @Override
    default void cut() {
        cut(CutMode.KEEP_EXISTING);
    }

    /** Takes the link down until {@link #heal()}; {@code mode} says what happens to traffic under way. */
    void cut(CutMode mode);

    /**
     * A snapshot of what crossed the link so far: every byte read is delivered, dropped under a
     * {@link DropCause} or still in flight (see {@link DirectionStatistics}).
     */
    LinkStatistics statistics();
}
