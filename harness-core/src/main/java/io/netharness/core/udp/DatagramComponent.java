package io.netharness.core.udp;

import io.netharness.core.Component;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netharness.core.internal.DatagramEndpoint;
import java.net.InetSocketAddress;

/**
 * A component that is one UDP socket: what every datagram component of this package has in common (its boxes,
 * start, close and bound address). {@link UdpPeer}, {@link UdpPostboxPeer}, {@link MulticastSender} and
 * {@link MulticastReceiver} differ only in how they address what they send and what they add on top.
 *
 * @param <I> what the component's inbox takes
 */
public abstract class DatagramComponent<I> implements Component<I, Datagram> {

    private final DatagramEndpoint<I> endpoint;

    /** @param owner names the component in messages and box names, e.g. {@code "UdpPeer"} */
    DatagramComponent(String owner, DatagramSettings settings, DatagramEndpoint.Options options) {
        // The endpoint calls addressed(...) only when a message is put, so after the subclass is built.
        this.endpoint = new DatagramEndpoint<>(owner, settings, options, this::addressed);
    }

    /** Turns an inbox message into the datagram to send; throws to refuse it (on the sender's thread). */
    abstract Datagram addressed(I message);

    /** The socket this component is. */
    final DatagramEndpoint<I> endpoint() {
        return endpoint;
    }

    /** The address the socket is bound to; throws {@link IllegalStateException} unless started. */
    public InetSocketAddress address() {
        return endpoint.localAddress();
    }

    @Override
    public final Inbox<I> inbox() {
        return endpoint.inbox();
    }

    @Override
    public final Outbox<Datagram> outbox() {
        return endpoint.outbox();
    }

    @Override
    public final Inbox<Lifecycle> control() {
        return endpoint.control();
    }

    @Override
    public final Outbox<Lifecycle> signal() {
        return endpoint.signal();
    }

    /** Binds the socket; idempotent. Throws an {@link java.io.UncheckedIOException} naming the address if it cannot. */
    @Override
    public DatagramComponent<I> start() {
        endpoint.start();
        return this;
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
