package io.netharness.core;

import io.netharness.core.internal.Transports;
import io.netty.channel.EventLoopGroup;

/**
 * The one place that picks Netty's transport: native epoll when {@code Epoll.isAvailable()}, else NIO.
 * Setting the system property {@code netharness.transport=nio} forces NIO. TCP, UDP and multicast all use
 * the selected transport; the one difference users can see is documented on
 * {@link io.netharness.core.multicast.MulticastReceiver} (leaving a group under NIO).
 *
 * <p>Every component runs on the {@link #sharedGroup() shared group} unless given an {@link EventLoopGroup}
 * of its own; a component never shuts down a group, since it owns none. The shared group is created on
 * first use, has daemon threads named {@code netharness-io-N}, and lives as long as the JVM.
 */
public final class Transport {

    private Transport() {
    }

    /** {@code "epoll"} or {@code "nio"}. */
    public static String name() {
        return Transports.isEpoll() ? "epoll" : "nio";
    }

    /** The library-owned event-loop group components use by default; do not shut it down. */
    public static EventLoopGroup sharedGroup() {
        return Transports.sharedGroup();
    }

    /**
     * A new group of the selected transport with {@code threads} threads named {@code threadNamePrefix-N};
     * the caller owns it and shuts it down.
     */
    public static EventLoopGroup newEventLoopGroup(int threads, String threadNamePrefix) {
        return Transports.newGroup(threads, threadNamePrefix, false);
    }
}
