package io.netharness.simulator.profile;

import io.netharness.simulator.Direction;

/**
 * Chooses the {@link LinkProfile} of each connection of a {@link io.netharness.simulator.TcpLink} in one
 * direction, so that connections of one link can be impaired differently (Toxiproxy's per-connection toxicity:
 * "half of the connections are slow").
 *
 * <pre>{@code
 * // every other connection gets 100 ms of latency upstream, in accept order
 * link.profiles(Direction.UPSTREAM, index -> index % 2 == 0 ? slow : LinkProfile.PERFECT);
 * }</pre>
 *
 * <p>The link asks once per connection and direction, at the first chunk the connection carries after the
 * selection is installed, not per chunk. A deterministic selection (one that depends only on the index and the
 * link's {@linkplain io.netharness.simulator.TcpLink#seed() seed}) keeps the link replayable. It runs on the link's
 * event loops (and on the caller's thread when installed and for {@link
 * io.netharness.simulator.TcpLink#profile(Direction)}), so it must be quick, thread-safe and must not block.
 */
@FunctionalInterface
public interface ConnectionProfiles {

    /**
     * The profile of connection {@code connectionIndex} (0 for the first accepted, in accept order); never null,
     * {@link LinkProfile#PERFECT} for an unimpaired connection.
     */
    LinkProfile profileOf(long connectionIndex);
}
