package io.netharness.simulator;

import io.netharness.simulator.internal.Check;
import io.netharness.simulator.internal.udp.FateObserver;
import io.netharness.simulator.internal.udp.MulticastRelay;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Impaired multicast, per receiver: the link is a member of the group the real sender sends to, and re-sends
 * what it receives, impaired by its own {@link LinkProfile} and seed, to one receiver's own address.
 *
 * <p><b>Topology.</b> The sender is unchanged: it sends to the group ({@link #address()}: the port as bound, if 0
 * was given). The receiver under test does <em>not</em> join that group; it listens on its {@link #target()}
 * instead: a unicast address (e.g. {@code 127.0.0.1:port}) or a relay group of its own ({@code 239.x.y.z:port} on
 * the same interface).
 * Two links on one group, each with its own target, are two receivers with independent losses, delays and
 * duplicates; many links can share a group because the link's socket is bound to the group address and port
 * with SO_REUSEADDR. Copies arrive from the link's own sending socket, not from the original sender.
 *
 * <pre>{@code
 * try (MulticastLink toA = MulticastLink.builder()
 *              .group(new InetSocketAddress("239.1.2.3", 0)).receiver(receiverA.address())
 *              .profile(LinkProfile.builder().loss(Loss.random(0.1)).build()).seed(1).build().start();
 *      MulticastLink toB = MulticastLink.builder()
 *              .group(toA.address()).receiver(receiverB.address()).seed(2).build().start()) {
 *     sender.send(payload, toA.address()); // toA.address() is the group with the port bound
 * }
 * }</pre>
 *
 * <p><b>Directions.</b> Traffic flows one way, sender to receiver: the {@link Direction#UPSTREAM} profile and
 * statistics apply; {@link Direction#DOWNSTREAM} may be set but has no traffic, and its statistics stay zero.
 * Decisions draw from {@code Seeds.derive(seed, "multicast/upstream")}.
 *
 * <p><b>Seeds, one per receiver.</b> A link's decisions come from its seed alone, so two links given the same seed
 * lose, duplicate and delay exactly the same datagrams of the group: receivers meant to be independent need seeds of
 * their own. Without {@code seed(...)} each link draws a fresh one; to replay, give each its own derived from one
 * seed, {@code .seed(testSeed, "receiver-a")} ({@link Builder#seed(long, String)}), as the JUnit extension does. A link
 * that joins a group on which a started link has its seed logs a warning.
 *
 * <p><b>Interface.</b> Multicast on one host works on the loopback interface {@code lo} (the default), which
 * must be named both for the join and for sending; IPv4 groups are tested.
 *
 * <p><b>Capture, cut, lifecycle, ready when started</b>: as {@link UdpLink} (the capture shows original sender ->
 * receiver; the first multicast link of a JVM warms up with a throwaway link on a group of its own on {@code lo}).
 */
public final class MulticastLink extends RelayedLink {

    private final MulticastRelay relay;

    private static final SameSeedWarning seedsInUse = new SameSeedWarning();

    private MulticastLink(Builder builder, NetworkInterface networkInterface, long seed) {
        this(builder, seed, new MulticastRelay(builder.group, networkInterface, builder.receiver, seed,
                builder.profile, builder.eventLoopGroup, builder.capture, builder.maxQueued));
    }

    private MulticastLink(Builder builder, long seed, MulticastRelay relay) {
        super(builder.receiver, seed, relay, "multicast", EnumSet.of(Direction.UPSTREAM));
        this.relay = relay;
        builder.faults.forEach(fault -> addDatagramFault(null, fault));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public MulticastLink start() {
        LinkWarmup.ensure(LinkWarmup.Kind.MULTICAST);
        startRelay();
        seedsInUse.claim(this);
        return this;
    }

    @Override
    public synchronized void close() {
        seedsInUse.release(this);
        super.close();
    }

    /**
     * Applies {@code fault} to this receiver's copies (a {@link Effect#profile profile change} for the windows of its
     * trigger, or a {@link Effect#cut(CutMode) cut}); it is in force when this returns if its first window opens at
     * once.
     */
    public FaultHandle addFault(DatagramFault fault) {
        return addDatagramFault(null, fault);
    }

    /** The faults in force, in the order they were added. */
    public List<FaultHandle> faults() {
        return datagramFaults.faults();
    }

    /** Test hook: sees every decision in order, on the event loop. */
    void observeFates(FateObserver observer) {
        relay.observer(observer);
    }

    /** Builds a {@link MulticastLink}; not thread-safe. */
    public static final class Builder extends LinkBuilder<Builder> {
        private InetSocketAddress group;
        private InetSocketAddress receiver;
        private String interfaceName = "lo";
        private LinkProfile profile = LinkProfile.PERFECT;
        private int maxQueued = 65_536;
        private final List<DatagramFault> faults = new ArrayList<>();

        private Builder() {
        }

        /** A fault in force from the first datagram: its windows are timed from the link's start. */
        public Builder fault(DatagramFault fault) {
            faults.add(Objects.requireNonNull(fault, "fault"));
            return this;
        }

        /** The group and port the real sender sends to (required); port 0 picks a free one. */
        public Builder group(InetSocketAddress group) {
            Objects.requireNonNull(group, "group");
            if (group.getAddress() == null || !group.getAddress().isMulticastAddress()) {
                throw new IllegalArgumentException("group: " + group + " (expected: a multicast address such as"
                        + " 239.1.2.3)");
            }
            this.group = group;
            return this;
        }

        /** This receiver's own address: unicast, or a relay group on the same interface (required). */
        public Builder receiver(InetSocketAddress receiver) {
            this.receiver = Objects.requireNonNull(receiver, "receiver");
            return this;
        }

        /** The interface to join on and send from; default {@code lo}. */
        public Builder networkInterface(String name) {
            this.interfaceName = Objects.requireNonNull(name, "networkInterface");
            return this;
        }

        /** The impairment of this receiver's copies; default {@link LinkProfile#PERFECT}. */
        public Builder profile(LinkProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /** Copies that may wait before arriving datagrams are tail-dropped; default 65,536. */
        public Builder maxQueued(int datagrams) {
            this.maxQueued = Check.atLeast("maxQueued", datagrams, 1);
            return this;
        }

        public MulticastLink build() {
            require(group, "MulticastLink", "group");
            require(receiver, "MulticastLink", "receiver");
            if (receiver.equals(group)) {
                throw new IllegalArgumentException("receiver: " + receiver + " (expected: not the group itself,"
                        + " or the link would hear its own copies)");
            }
            NetworkInterface networkInterface;
            try {
                networkInterface = NetworkInterface.getByName(interfaceName);
            } catch (SocketException e) {
                throw new IllegalArgumentException("networkInterface: " + interfaceName + " (" + e.getMessage() + ")", e);
            }
            if (networkInterface == null) {
                throw new IllegalArgumentException("networkInterface: " + interfaceName
                        + " (expected: an interface of this host, e.g. lo)");
            }
            return new MulticastLink(this, networkInterface, resolvedSeed());
        }
    }
}
