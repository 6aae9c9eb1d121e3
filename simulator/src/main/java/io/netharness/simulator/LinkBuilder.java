package io.netharness.simulator;

import io.netharness.core.Transport;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The settings every link builder has: seed, event loops and capture. Package-private, with a self type, so that
 * each public builder inherits these setters returning its own type instead of repeating them.
 *
 * @param <B> the concrete builder
 */
abstract class LinkBuilder<B extends LinkBuilder<B>> {

    private Long seed;
    EventLoopGroup eventLoopGroup;
    Path capture;

    LinkBuilder() {
    }

    /**
     * The seed of every random decision; default a fresh one from {@link Seeds#random()}. Two links given the same
     * seed make the same decisions for the same traffic: two {@link MulticastLink}s with one seed on one group lose
     * exactly the same datagrams. To give the links of one test each a seed of its own that still replays, derive
     * them from one seed with {@link #seed(long, String)}.
     */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * A seed of this link's own derived from a shared one: {@code Seeds.derive(seed, "link/" + name)}, the derivation
     * the JUnit extension uses for its links. Links built with one {@code seed} and different names decide
     * independently (for example one {@link MulticastLink} per receiver, named after it); the same seed and name give
     * the same decisions again, in any JVM.
     *
     * @param seed the test's (or run's) seed
     * @param name a name unique among the links sharing {@code seed}, e.g. {@code "receiver-a"}
     */
    public B seed(long seed, String name) {
        return seed(Seeds.derive(seed, "link/" + Objects.requireNonNull(name, "name")));
    }

    /** The seed given, or a fresh random one: drawn once per link, at build. */
    final long resolvedSeed() {
        return seed != null ? seed : Seeds.random();
    }

    /**
     * Event loops to run on (epoll or NIO); the link does not shut them down. Default: event loops of its own
     * (see the link's class documentation). An epoll group must come from
     * {@link io.netharness.core.Transport#newEventLoopGroup}; the class documentation of {@code Transport} says why.
     *
     * @throws IllegalArgumentException for an epoll group made on Netty's plain {@code EpollIoHandler}
     */
    public B eventLoopGroup(EventLoopGroup group) {
        Transport.isEpoll(Objects.requireNonNull(group, "eventLoopGroup"));
        eventLoopGroup = group;
        return self();
    }

    /**
     * Records what the link sends on to this pcap file (created or replaced), which {@code tshark -r} and
     * Wireshark open; the link's class documentation says what it shows.
     */
    public B capture(Path pcap) {
        capture = Objects.requireNonNull(pcap, "capture");
        return self();
    }

    /** Fails naming the builder call that is missing, e.g. {@code TcpLink.builder() requires target(...)}. */
    static void require(Object value, String link, String setter) {
        if (value == null) {
            throw new IllegalStateException(link + ".builder() requires " + setter + "(...)");
        }
    }

    /** This builder as its concrete type, for the setters to return. */
    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }
}
