package io.netharness.simulator;

import io.netharness.simulator.internal.Relay;
import io.netharness.simulator.profile.LinkProfile;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link TcpLink}, {@link UdpLink} and {@link MulticastLink} share: the new / started / closed lifecycle
 * around their {@link Relay}, and the calls the relay answers itself. Package-private so that the three links stay
 * the only public types; each overrides {@link #start()} only to return its own type.
 *
 */
abstract class RelayedLink implements InProcessLink {

    private enum State { NEW, STARTED, CLOSED }

    /** The engine; subclasses call it for their protocol's own queries (faults, sessions, ...). */
    private final Relay relay;
    private final String name;
    private final InetSocketAddress target;
    private final long seed;
    /** The faults of a datagram link, or null for a TCP link (whose relay runs its faults itself). */
    final DatagramFaults datagramFaults;
    private State state = State.NEW;
    private InetSocketAddress address;

    RelayedLink(InetSocketAddress target, long seed, Relay relay) {
        this(target, seed, relay, null);
    }

    /** A datagram link: {@code kind} ("udp", "multicast") names its faults' seed streams. */
    RelayedLink(InetSocketAddress target, long seed, Relay relay, String kind, Set<Direction> directions) {
        this(target, seed, relay, new DatagramFaults(relay, seed, kind, directions));
    }

    private RelayedLink(InetSocketAddress target, long seed, Relay relay, DatagramFaults datagramFaults) {
        this.name = getClass().getSimpleName(); // "TcpLink", as toString() and the messages show it
        this.target = target;
        this.seed = seed;
        this.relay = relay;
        this.datagramFaults = datagramFaults;
    }

    /**
     * Whether a failed {@link #start()} closes the link for good: yes by default, as a relay may leave something
     * behind on failure; a link whose relay undoes a failed start itself answers no, so start may be tried again.
     */
    boolean closesOnFailedStart() {
        return true;
    }

    /** Starts the relay once; subclasses return themselves from {@code start()}. */
    final synchronized void startRelay() {
        if (state == State.CLOSED) {
            throw new IllegalStateException(this + " cannot be restarted after close()");
        }
        if (state == State.NEW) {
            try {
                if (datagramFaults != null) {
                    datagramFaults.beforeStart();
                }
                address = relay.start();
                if (datagramFaults != null) {
                    datagramFaults.started();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + this, e);
            } catch (RuntimeException e) {
                if (closesOnFailedStart()) {
                    state = State.CLOSED;
                }
                throw e;
            }
            state = State.STARTED;
        }
    }

    /** True once {@link #close()} has been called. */
    final synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    @Override
    public synchronized InetSocketAddress address() {
        if (state != State.STARTED) {
            throw new IllegalStateException(this + " has no address: call start() first");
        }
        return address;
    }

    @Override
    public InetSocketAddress target() {
        return target;
    }

    @Override
    public LinkProfile profile(Direction direction) {
        return relay.profile(Objects.requireNonNull(direction, "direction"));
    }

    @Override
    public void profile(Direction direction, LinkProfile profile) {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(profile, "profile");
        if (datagramFaults != null) {
            datagramFaults.profile(direction, profile);
        } else {
            relay.profile(direction, profile);
        }
    }

    @Override
    public void cut(CutMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (datagramFaults != null) {
            datagramFaults.cut(mode);
        } else {
            relay.cut(mode);
        }
    }

    @Override
    public void heal() {
        if (datagramFaults != null) {
            datagramFaults.heal();
        } else {
            relay.heal();
        }
    }

    /** Adds a datagram fault; {@code direction} null for every direction (or the link, for a cut). */
    final FaultHandle addDatagramFault(Direction direction, DatagramFault fault) {
        Objects.requireNonNull(fault, "fault");
        if (isClosed()) {
            throw new IllegalStateException(this + " takes no faults after close()");
        }
        return datagramFaults.add(direction, fault);
    }

    @Override
    public boolean isCut() {
        return relay.isCut();
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public LinkStatistics statistics() {
        return relay.statistics();
    }

    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        state = State.CLOSED;
        if (datagramFaults != null) {
            datagramFaults.close();
        }
        try {
            relay.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing " + name + "{" + (was == State.STARTED
                    ? format(address) + " -> " : "") + format(target) + "}", e);
        }
    }

    @Override
    public synchronized String toString() {
        return switch (state) {
            case NEW -> name + "{new}";
            case STARTED -> name + "{" + format(address) + " -> " + format(target) + (relay.isCut() ? ", cut" : "")
                    + "}";
            case CLOSED -> name + "{closed}";
        };
    }

    /** How {@link #toString()} shows an address: as given ({@code host:port}) unless a link says otherwise. */
    String format(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
