package io.netharness.core.udp;

import io.netharness.core.Chunk;
import io.netharness.core.Format;
import io.netharness.core.internal.Addresses;
import io.netharness.core.internal.DatagramEndpoint;
import io.netharness.core.internal.Multicast;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.Objects;

/**
 * Sends every chunk on its inbox as one datagram to a multicast group (Kamaelia's Multicast_sender). It
 * does not join the group; unicast replies to its socket come out of its outbox as {@link Datagram}s.
 *
 * <p>Datagrams leave through the loopback interface unless {@link Builder#networkInterface} names another,
 * with a TTL of 1 and multicast loop-back on (so receivers on this machine get them). The socket binds the
 * loopback address of the group's family, port 0. Errors, control messages and lifecycle as
 * {@link io.netharness.core.udp.UdpPeer}.
 *
 * <pre>{@code
 * try (MulticastSender sender = MulticastSender.builder(receiver.group()).build()) {
 *     sender.start();
 *     sender.inbox().put(Chunk.ofUtf8("to everyone"));
 * }
 * }</pre>
 */
public final class MulticastSender extends DatagramComponent<Chunk> {

    private final InetSocketAddress group;

    private MulticastSender(Builder builder) {
        super("MulticastSender", builder.settings, options(builder));
        this.group = builder.group;
    }

    private static DatagramEndpoint.Options options(Builder builder) {
        InetSocketAddress bind = builder.bindAddress != null ? builder.bindAddress
                : new InetSocketAddress(Multicast.loopbackFor(builder.group.getAddress()), 0);
        NetworkInterface nif = Multicast.interfaceFor(builder.group.getAddress(), builder.networkInterface);
        return new DatagramEndpoint.Options(bind, false, nif, builder.ttl);
    }

    @Override
    Datagram addressed(Chunk chunk) {
        return Datagram.to(group, chunk);
    }

    /** A builder for a sender to {@code group} (a multicast address and a port of 1-65535). */
    public static Builder builder(InetSocketAddress group) {
        return new Builder(group);
    }

    /** Configures a {@link MulticastSender}. */
    public static final class Builder {
        private final InetSocketAddress group;
        private InetSocketAddress bindAddress;
        private NetworkInterface networkInterface;
        private int ttl = 1;
        private DatagramSettings settings = DatagramSettings.defaults();

        private Builder(InetSocketAddress group) {
            Objects.requireNonNull(group, "group");
            Multicast.checkGroup(group.getAddress());
            Addresses.checkPort(group.getPort(), 1);
            this.group = group;
        }

        /** Bind to {@code address} instead of loopback port 0. */
        public Builder bindAddress(InetSocketAddress address) {
            bindAddress = Addresses.checkBindAddress(address);
            return this;
        }

        /** Send through {@code networkInterface} instead of loopback. */
        public Builder networkInterface(NetworkInterface networkInterface) {
            this.networkInterface = Objects.requireNonNull(networkInterface, "networkInterface");
            return this;
        }

        /** Hops a datagram may take (0-255, default 1). */
        public Builder ttl(int ttl) {
            this.ttl = Multicast.checkTtl(ttl);
            return this;
        }

        public Builder settings(DatagramSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public MulticastSender build() {
            return new MulticastSender(this);
        }
    }

    /** The group and port datagrams go to. */
    public InetSocketAddress group() {
        return group;
    }

    /** The sender's own address: what receivers see as {@link Datagram#sender()}. Throws unless started. */
    @Override
    public InetSocketAddress address() {
        return super.address();
    }

    @Override
    public MulticastSender start() {
        super.start();
        return this;
    }

    /** {@code MulticastSender{new}}, {@code MulticastSender{127.0.0.1:4000->239.1.2.3:5000}}, {@code ...{closed}}. */
    @Override
    public String toString() {
        return endpoint().describe("->" + Format.address(group));
    }
}
