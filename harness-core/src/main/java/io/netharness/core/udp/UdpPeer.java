package io.netharness.core.udp;

import io.netharness.core.Chunk;
import io.netharness.core.Format;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.internal.Addresses;
import io.netharness.core.internal.DatagramEndpoint;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A UDP socket that sends every chunk on its inbox as one datagram to its target, and emits every datagram
 * it receives, with its sender, on its outbox (Kamaelia's SimplePeer and TargettedPeer).
 *
 * <p><b>Target.</b> Built with {@link Builder#fixedTarget} the target never changes (SimplePeer). Built with
 * {@link Builder#target}, or with none, {@link #retarget} changes it at run time (TargettedPeer): chunks put
 * before {@code retarget} returns go to the old target, chunks put after it to the new one. Components can
 * retarget it by message through its {@link #targets()} inbox. A chunk offered
 * while there is no target is refused with an {@link IllegalStateException}. For a different address per
 * message use {@link UdpPostboxPeer}.
 *
 * <p><b>Errors at the source.</b> The inbox refuses, on the sender's thread, a chunk larger than a UDP
 * payload can be ({@link Datagram#MAX_IPV4_PAYLOAD} bytes over IPv4) or a target of the other address
 * family, with an {@link IllegalArgumentException} naming the size or address and the valid range. A send
 * the socket itself fails is announced on the signal outbox as {@link Lifecycle.SendFailed}. After close
 * the inbox refuses with an {@link IllegalStateException}.
 *
 * <p><b>Lifecycle.</b> Binds {@code 127.0.0.1:0} unless told otherwise; {@link #start()} binds and is
 * idempotent, and throws an {@link java.io.UncheckedIOException} naming the address if it cannot bind.
 * On control, {@link Lifecycle.ProducerFinished} sends what is queued, closes the socket and passes the
 * {@code ProducerFinished} on; {@link Lifecycle.ServerShutdown} closes at once. {@link #close()} is
 * idempotent and waits for the socket to close. There is no restart.
 *
 * <pre>{@code
 * try (UdpPeer peer = UdpPeer.builder().fixedTarget(server).build()) {
 *     peer.start();
 *     peer.inbox().put(Chunk.ofUtf8("ping"));
 *     Datagram reply = peer.outbox().take(Duration.ofSeconds(5));   // reply.sender() == server
 * }
 * }</pre>
 */
public final class UdpPeer extends DatagramComponent<Chunk> {

    private final boolean fixed;
    private final Inbox<InetSocketAddress> targets;
    private volatile InetSocketAddress target;

    private UdpPeer(Builder builder) {
        super("UdpPeer", builder.settings, DatagramEndpoint.Options.unicast(builder.bindAddress));
        this.fixed = builder.fixed;
        this.target = builder.target;
        this.targets = new Inbox<>("UdpPeer.targets", Integer.MAX_VALUE, address -> {
            checkTarget(address);
            checkNotFixed();
        });
        targets.onArrival(this::takeTargets);
    }

    /** A builder for a peer on {@code 127.0.0.1:0} with no target. */
    public static Builder builder() {
        return new Builder();
    }

    /** A peer on {@code 127.0.0.1:0} that always sends to {@code target}. */
    public static UdpPeer to(InetSocketAddress target) {
        return builder().fixedTarget(target).build();
    }

    /** Configures a {@link UdpPeer}. */
    public static final class Builder {
        private InetSocketAddress bindAddress = Addresses.loopback(0);
        private InetSocketAddress target;
        private boolean fixed;
        private DatagramSettings settings = DatagramSettings.defaults();

        private Builder() {
        }

        /** Bind to loopback at {@code port} (0 picks a free one). */
        public Builder port(int port) {
            bindAddress = Addresses.loopback(port);
            return this;
        }

        /** Bind to {@code address}, e.g. {@code [::1]:0}. */
        public Builder bindAddress(InetSocketAddress address) {
            bindAddress = Addresses.checkBindAddress(address);
            return this;
        }

        /** The first target; {@link UdpPeer#retarget} may change it. */
        public Builder target(InetSocketAddress address) {
            target = checkTarget(address);
            fixed = false;
            return this;
        }

        /** The one target for the peer's whole life; {@link UdpPeer#retarget} is refused. */
        public Builder fixedTarget(InetSocketAddress address) {
            target = checkTarget(address);
            fixed = true;
            return this;
        }

        public Builder settings(DatagramSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public UdpPeer build() {
            return new UdpPeer(this);
        }
    }

    @Override
    Datagram addressed(Chunk chunk) {
        InetSocketAddress to = target;
        if (to == null) {
            throw new IllegalStateException("UdpPeer has no target: build it with target(...) or call retarget(...)"
                    + " before sending");
        }
        return Datagram.to(to, chunk);
    }

    /**
     * Sends later chunks to {@code newTarget}: everything put before this call is sent to the old target
     * first. Waits (up to the close timeout) for that unless called before start.
     *
     * @throws IllegalStateException if the peer was built with a fixed target
     */
    public void retarget(InetSocketAddress newTarget) {
        InetSocketAddress checked = checkTarget(newTarget);
        checkNotFixed();
        endpoint().afterSending(() -> target = checked);
    }

    /**
     * Kamaelia's {@code target} inbox: link another component's outbox here to retarget the peer by message.
     * Each address applies from the first chunk the peer takes after it (without the ordering promise of
     * {@link #retarget}, since the sender of chunks and of targets may be different threads). A fixed-target
     * peer refuses every address with an {@link IllegalStateException}.
     */
    public Inbox<InetSocketAddress> targets() {
        return targets;
    }

    private void takeTargets() {
        InetSocketAddress next;
        while ((next = targets.poll()) != null) {
            InetSocketAddress chosen = next;
            endpoint().afterSendingAsync(() -> target = chosen);
        }
    }

    private void checkNotFixed() {
        if (fixed) {
            throw new IllegalStateException("UdpPeer's target " + Format.address(target)
                    + " is fixed; build it with target(...) instead of fixedTarget(...) to change it at run time");
        }
    }

    /** Where chunks go now, if anywhere. */
    public Optional<InetSocketAddress> target() {
        return Optional.ofNullable(target);
    }

    /** Whether the target was fixed at build time. */
    public boolean hasFixedTarget() {
        return fixed;
    }

    /** Whether the socket is open. */
    public boolean isOpen() {
        return endpoint().isOpen();
    }

    @Override
    public void close() {
        targets.onArrival(null);
        targets.close("UdpPeer is closed");
        super.close();
    }

    /** {@code UdpPeer{new}}, {@code UdpPeer{127.0.0.1:4000->127.0.0.1:5000}}, {@code UdpPeer{closed}}. */
    @Override
    public String toString() {
        InetSocketAddress to = target;
        return endpoint().describe(to == null ? "" : "->" + Format.address(to));
    }

    private static InetSocketAddress checkTarget(InetSocketAddress address) {
        Objects.requireNonNull(address, "target");
        Addresses.checkPort(address.getPort(), 1);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("target: " + address + " (expected: a resolved address)");
        }
        return address;
    }

    @Override
    public UdpPeer start() {
        super.start();
        return this;
    }
}
