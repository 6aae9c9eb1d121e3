package io.netharness.core.udp;

import io.netharness.core.Chunk;
import io.netharness.core.Component;
import io.netharness.core.Format;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netharness.core.internal.Addresses;
import io.netharness.core.internal.DatagramEndpoint;
import io.netharness.core.internal.LifecycleState;
import io.netharness.core.internal.Multicast;
import io.netharness.core.udp.Datagram;
import io.netharness.core.udp.DatagramSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.Objects;

/**
 * Joins a multicast group, sends every chunk on its inbox to the group and emits everything sent to the
 * group on its outbox (Kamaelia's Multicast_transceiver): several transceivers on one group and port talk
 * to each other.
 *
 * <p><b>Sockets.</b> It is a {@link MulticastReceiver} (bound to the group address and port, joined on the
 * loopback interface) plus a sending socket on the loopback address, port 0: a socket bound to a group
 * address cannot send. A transceiver hears its own datagrams too; they carry {@link #senderAddress()} as
 * their sender, so filter on that if you do not want them. Unicast replies to the sending socket come out
 * of the same outbox.
 *
 * <p><b>Control.</b> {@link Lifecycle.ProducerFinished} sends what is queued, closes the sending socket and
 * is passed on (receiving goes on until {@link #close()}); {@link Lifecycle.ServerShutdown} closes both.
 * Errors and lifecycle as {@link io.netharness.core.udp.UdpPeer}; {@link #leaveGroup()} as the receiver's.
 *
 * <pre>{@code
 * try (MulticastTransceiver a = MulticastTransceiver.builder(group).build()) {
 *     a.start();
 *     try (MulticastTransceiver b = MulticastTransceiver.builder(group).port(a.group().getPort()).build()) {
 *         b.start();
 *         a.inbox().put(Chunk.ofUtf8("hello"));   // b (and a) receive it
 *     }
 * }
 * }</pre>
 */
public final class MulticastTransceiver implements Component<Chunk, Datagram> {

    private final LifecycleState state = new LifecycleState("MulticastTransceiver");
    private final InetAddress groupAddress;
    private final MulticastReceiver receiver;
    private final DatagramEndpoint<Chunk> sending;
    private final Outbox<Datagram> outbox;
    private final Inbox<Lifecycle> control = Inbox.unbounded("MulticastTransceiver.control");
    private final Outbox<Lifecycle> signal = Outbox.unbounded("MulticastTransceiver.signal");
    private volatile int port;

    private MulticastTransceiver(Builder builder) {
        this.groupAddress = builder.group;
        this.port = builder.port;
        NetworkInterface nif = Multicast.interfaceFor(groupAddress, builder.networkInterface);
        this.receiver = MulticastReceiver.builder(groupAddress).port(builder.port).networkInterface(nif)
                .settings(builder.settings).build();
        this.sending = new DatagramEndpoint<>("MulticastTransceiver", builder.settings,
                new DatagramEndpoint.Options(new InetSocketAddress(Multicast.loopbackFor(groupAddress), 0), false,
                        nif, builder.ttl),
                // Before start a port-0 group has no port yet; 1 stands in so size checks still apply.
                chunk -> Datagram.to(new InetSocketAddress(groupAddress, Math.max(port, 1)), chunk));
        this.outbox = new Outbox<>("MulticastTransceiver.outbox", builder.settings.boxCapacity());
        receiver.outbox().linkTo(outbox);
        sending.outbox().linkTo(outbox);
        receiver.signal().linkTo(signal);
        sending.signal().linkTo(signal);
        control.onArrival(this::forwardControl);
    }

    /** A builder for a transceiver of {@code group} (a multicast address), on port 0 unless told otherwise. */
    public static Builder builder(InetAddress group) {
        return new Builder(group);
    }

    /** Configures a {@link MulticastTransceiver}. */
    public static final class Builder {
        private final InetAddress group;
        private int port;
        private NetworkInterface networkInterface;
        private int ttl = 1;
        private DatagramSettings settings = DatagramSettings.defaults();

        private Builder(InetAddress group) {
            this.group = Multicast.checkGroup(group);
        }

        /** The group's port (0, the default, lets the system pick; {@link MulticastTransceiver#group()} tells). */
        public Builder port(int port) {
            this.port = Addresses.checkPort(port, 0);
            return this;
        }

        /** Join and send through {@code networkInterface} instead of loopback. */
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

        public MulticastTransceiver build() {
            return new MulticastTransceiver(this);
        }
    }

    private void forwardControl() {
        Lifecycle message;
        while ((message = control.poll()) != null) {
            if (message instanceof Lifecycle.ServerShutdown) {
                offerIfOpen(receiver.control(), message);
            }
            offerIfOpen(sending.control(), message);
        }
    }

    /** A socket that already closed needs no further lifecycle message; its inbox would refuse it. */
    private static void offerIfOpen(Inbox<Lifecycle> target, Lifecycle message) {
        if (!target.isClosed()) {
            try {
                target.offer(message);
            } catch (IllegalStateException closedMeanwhile) {
                // it closed between the check and the offer: the same outcome
            }
        }
    }

    /** Binds and joins, then opens the sending socket; idempotent. */
    @Override
    public MulticastTransceiver start() {
        if (!state.tryStart()) {
            return this;
        }
        try {
            receiver.start();
            port = receiver.group().getPort();
            sending.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** The group and port (the chosen one if built with port 0); throws unless started. */
    public InetSocketAddress group() {
        state.checkStarted("read the group's port");
        return new InetSocketAddress(groupAddress, port);
    }

    /** The sending socket's address, which receivers see as the sender; throws unless started. */
    public InetSocketAddress senderAddress() {
        return sending.localAddress();
    }

    /** Leaves the group; sending goes on. */
    public void leaveGroup() {
        receiver.leaveGroup();
    }

    /** Joins the group again after {@link #leaveGroup()}. */
    public void joinGroup() {
        receiver.joinGroup();
    }

    public boolean isJoined() {
        return receiver.isJoined();
    }

    @Override
    public Inbox<Chunk> inbox() {
        return sending.inbox();
    }

    @Override
    public Outbox<Datagram> outbox() {
        return outbox;
    }

    @Override
    public Inbox<Lifecycle> control() {
        return control;
    }

    @Override
    public Outbox<Lifecycle> signal() {
        return signal;
    }

    /** Closes both sockets (which leaves the group); idempotent. */
    @Override
    public void close() {
        if (state.tryClose()) {
            control.onArrival(null);
            control.close("MulticastTransceiver is closed");
            try {
                sending.close();
            } finally {
                receiver.close();
            }
        }
    }

    /** {@code MulticastTransceiver{new}}, {@code MulticastTransceiver{239.1.2.3:5000 on lo}}, {@code ...{closed}}. */
    @Override
    public String toString() {
        return state.describe(() -> Format.address(new InetSocketAddress(groupAddress, port)) + " on "
                + receiver.networkInterface().getName());
    }
}
