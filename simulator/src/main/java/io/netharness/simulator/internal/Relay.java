package io.netharness.simulator.internal;

import io.netharness.simulator.CutMode;
import io.netharness.simulator.Direction;
import io.netharness.simulator.LinkStatistics;
import io.netharness.simulator.profile.LinkProfile;
import java.net.InetSocketAddress;

/**
 * The engine behind a link (TCP, UDP or multicast): what the public link classes delegate to, so that their
 * lifecycle and the calls the engine answers itself are written once.
 */
public interface Relay {

    /** Binds the link's socket and returns the bound address; blocks (never call on an event loop). */
    InetSocketAddress start() throws InterruptedException;

    LinkProfile profile(Direction direction);

    void profile(Direction direction, LinkProfile profile);

    void cut(CutMode mode);

    void heal();

    boolean isCut();

    LinkStatistics statistics();

    /** Closes every socket and releases every buffer held; blocks until done. */
    void close() throws InterruptedException;
}
