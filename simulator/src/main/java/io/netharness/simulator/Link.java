package io.netharness.simulator;

import io.netharness.simulator.profile.LinkProfile;
import java.net.InetSocketAddress;

/**
 * An impaired link between the system under test and a target: the system talks to {@link #address()}
 * instead of the target, and the link forwards what it receives to {@link #target()} (and back), shaped by
 * one {@link LinkProfile} per {@link Direction}.
 *
 * <p>Lifecycle: built, then {@link #start()} (idempotent) binds the listening address (127.0.0.1 port 0
 * unless told otherwise); {@link #close()} (idempotent) stops it for good, releasing everything held; no
 * restart after close. All methods are thread-safe; profile changes and cuts apply to traffic that arrives
 * afterwards.
 *
 * <p>Determinism: all random decisions derive from {@link #seed()} (see {@link Seeds}), so the same seed and
 * the same traffic give the same losses, delays and duplicates.
 *
 * <p>This is what every kind of link promises, including a proxy on a real Toxiproxy server. The links the
 * simulator runs in this JVM ({@link TcpLink}, {@link UdpLink}, {@link MulticastLink}) promise more: a choice of
 * {@link CutMode} and statistics of what crossed them ({@link InProcessLink}).
 */
public interface Link extends AutoCloseable {

    /** Binds and starts forwarding; does nothing if already started. Fails after {@link #close()}. */
    Link start();

    /** Where the system under test connects or sends to; only valid once started. */
    InetSocketAddress address();

    /** Where the link forwards to. */
    InetSocketAddress target();

    /** The seed every random decision of this link derives from. */
    long seed();

    /** The profile now applied in the given direction. */
    LinkProfile profile(Direction direction);

    /** Applies a new profile in one direction, from the next datagram or chunk on. */
    void profile(Direction direction, LinkProfile profile);

    /** Applies the same new profile in both directions. */
    default void profile(LinkProfile profile) {
        profile(Direction.UPSTREAM, profile);
        profile(Direction.DOWNSTREAM, profile);
    }

    /**
     * Takes the link down until {@link #heal()}: new connections fail (an {@link InProcessLink} accepts and resets
     * them at once, a real Toxiproxy's disabled proxy refuses them) and nothing crosses in either direction.
     * Connections already open stay open on an {@link InProcessLink} ({@link CutMode#KEEP_EXISTING};
     * {@link InProcessLink#cut(CutMode)} offers the other mode), and are closed on a proxy of a real Toxiproxy
     * server, whose only way down closes them.
     */
    void cut();

    /** Brings a cut link back up; does nothing if it is not cut. */
    void heal();

    /** True between {@link #cut()} and {@link #heal()}. */
    boolean isCut();

    /** Stops the link and releases everything it holds; idempotent. */
    @Override
    void close();
}
