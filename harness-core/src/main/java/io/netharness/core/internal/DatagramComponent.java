package io.netharness.core.internal;

import io.netharness.core.Component;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netharness.core.udp.Datagram;
import io.netharness.core.udp.DatagramSettings;
import java.net.InetSocketAddress;

/**
 * The boxes, start, close and local address of a component that is one {@link DatagramEndpoint}: the UDP
 * peers and the multicast sender and receiver differ only in how they address and what they add on top, so
 * they inherit the plumbing from here instead of each forwarding it by hand. Not API.
 *
 * @param <I> what the component's inbox takes
 */
public abstract class DatagramComponent<I> implements Component<I, Datagram> {

    private final DatagramEndpoint<I> endpoint;

    /** @param owner names the component in messages and box names, e.g. {@code "UdpPeer"} */
    protected DatagramComponent(String owner, DatagramSettings settings, DatagramEndpoint.Options options) {
        // The endpoint calls addressed(...) only when a message is put, so after the subclass is built.
        this.endpoint = new DatagramEndpoint<>(owner, settings, options, this::addressed);
    }

    /** Turns an inbox message into the datagram to send; throws to refuse it (on the sender's thread). */
    protected abstract Datagram addressed(I message);

    /** The socket this component is. */
    protected final DatagramEndpoint<I> endpoint() {
        return endpoint;
    }

    /** The bound address; throws {@link IllegalStateException} unless started. */
    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    @Override
    public Inbox<I> inbox() {
        return endpoint.inbox();
    }

    @Override
    public Outbox<Datagram> outbox() {
        return endpoint.outbox();
    }

    @Override
    public Inbox<Lifecycle> control() {
        return endpoint.control();
    }

    @Override
    public Outbox<Lifecycle> signal() {
        return endpoint.signal();
    }

    @Override
    public void start() {
        endpoint.start();
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
