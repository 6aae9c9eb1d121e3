package io.netharness.core.udp;

import io.netharness.core.Chunk;
import io.netharness.core.internal.Addresses;
import io.netharness.core.internal.DatagramEndpoint;
import io.netharness.core.internal.Multicast;
import io.netharness.core.udp.Datagram;
import io.netharness.core.udp.DatagramSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.Objects;

/**
 * Joins a multicast group and emits every datagram sent to it, with its sender, on its outbox (Kamaelia's
 * Multicast_receiver). It only receives: its inbox refuses every chunk with an {@link IllegalStateException};
 * use a {@link MulticastTransceiver} to send as well.
 *
 * <p><b>Socket.</b> {@link #start()} binds the group address itself (on Linux this admits only that group's
 * datagrams) with SO_REUSEADDR, so any number of receivers on this machine can share the group's port, then
 * joins the group on the loopback interface (or {@link Builder#networkInterface}). With port 0 the system
 * picks one; {@link #group()} then says which. {@link #leaveGroup()} and {@link #joinGroup()} change the
 * membership at run time and return once the system has done so.
 *
 * <p><b>Transport note.</b> On Linux a socket is, by default, also handed datagrams of groups that
 * <em>other</em> sockets joined on its port. With the epoll transport (the default where available) the
 * receiver turns that off ({@code IP_MULTICAST_ALL}), so leaving stops its datagrams even while other
 * receivers stay joined. Java's NIO cannot set that option: under NIO a receiver that left keeps getting the
 * group's datagrams for as long as another socket on the machine has the same group and port joined.
 *
 * <p>Lifecycle, control messages and close as {@link io.netharness.core.udp.UdpPeer}; closing also leaves.
 *
 * <pre>{@code
 * try (MulticastReceiver receiver = MulticastReceiver.builder(InetAddress.getByName("239.255.0.1")).build()) {
 *     receiver.start();
 *     // send to receiver.group()
 *     Datagram datagram = receiver.outbox().take(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class MulticastReceiver extends DatagramComponent<Chunk> {

    private final InetAddress groupAddress;
    private final NetworkInterface networkInterface;
    private volatile boolean joined;

    private MulticastReceiver(Builder builder) {
        this(builder, Multicast.interfaceFor(builder.group, builder.networkInterface));
    }

    private MulticastReceiver(Builder builder, NetworkInterface networkInterface) {
        super("MulticastReceiver", builder.settings, new DatagramEndpoint.Options(new InetSocketAddress(
                builder.bindAddress != null ? builder.bindAddress : builder.group, builder.port), true,
                networkInterface, 1));
        this.groupAddress = builder.group;
        this.networkInterface = networkInterface;
    }

    @Override
    Datagram addressed(Chunk chunk) {
        throw new IllegalStateException("MulticastReceiver only receives; send with a MulticastSender"
                + " or a MulticastTransceiver");
    }

    /** A builder for a receiver of {@code group} (a multicast address), on port 0 unless told otherwise. */
    public static Builder builder(InetAddress group) {
        return new Builder(group);
    }

    /** Configures a {@link MulticastReceiver}. */
    public static final class Builder {
        private final InetAddress group;
        private int port;
        private InetAddress bindAddress;
        private NetworkInterface networkInterface;
        private DatagramSettings settings = DatagramSettings.defaults();

        private Builder(InetAddress group) {
            this.group = Multicast.checkGroup(group);
        }

        /** The group's port (0, the default, lets the system pick one; {@link MulticastReceiver#group()} tells). */
        public Builder port(int port) {
            this.port = Addresses.checkPort(port, 0);
            return this;
        }

        /**
         * Bind to {@code address} instead of the group address: a wildcard ({@code 0.0.0.0}) also receives
         * unicast datagrams sent to the port.
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Join on {@code networkInterface} instead of loopback. */
        public Builder networkInterface(NetworkInterface networkInterface) {
            this.networkInterface = Objects.requireNonNull(networkInterface, "networkInterface");
            return this;
        }

        public Builder settings(DatagramSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public MulticastReceiver build() {
            return new MulticastReceiver(this);
        }
    }

    /** Binds and joins the group; idempotent. Throws naming the address or group if either fails. */
    @Override
    public synchronized MulticastReceiver start() {
        if (endpoint().isClosed() || endpoint().isOpen()) {
            endpoint().start(); // idempotent while running; refuses a restart after close
            return this;
        }
        endpoint().start();
        try {
            joinGroup();
        } catch (RuntimeException e) {
            endpoint().close();
            throw e;
        }
        return this;
    }

    /** Joins the group again after {@link #leaveGroup()}; does nothing while joined. */
    public synchronized void joinGroup() {
        if (!joined) {
            endpoint().joinGroup(groupAddress, networkInterface);
            joined = true;
        }
    }

    /** Leaves the group: once this returns, the group's datagrams no longer reach this receiver. */
    public synchronized void leaveGroup() {
        if (joined) {
            endpoint().leaveGroup(groupAddress, networkInterface);
            joined = false;
        }
    }

    /** Whether the receiver is a member of the group now. */
    public boolean isJoined() {
        return joined && endpoint().isOpen();
    }

    /** The group and the port bound (the chosen one if built with port 0); throws unless started. */
    public InetSocketAddress group() {
        return new InetSocketAddress(groupAddress, endpoint().localAddress().getPort());
    }

    /** The interface the group is joined on. */
    public NetworkInterface networkInterface() {
        return networkInterface;
    }

    /** Closes the socket, which also leaves the group; idempotent. */
    @Override
    public void close() {
        joined = false;
        super.close();
    }

    /** {@code MulticastReceiver{new}}, {@code MulticastReceiver{239.1.2.3:5000 on lo}}, {@code ...{closed}}. */
    @Override
    public String toString() {
        return endpoint().describe((joined ? " joined " : " not joined ") + groupAddress.getHostAddress() + " on "
                + networkInterface.getName());
    }
}
