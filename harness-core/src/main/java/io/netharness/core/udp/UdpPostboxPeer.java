package io.netharness.core.udp;

import io.netharness.core.Lifecycle;
import io.netharness.core.internal.Addresses;
import io.netharness.core.internal.DatagramEndpoint;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A UDP socket that sends each {@link Datagram} on its inbox to the datagram's own recipient, and emits
 * every datagram it receives, with its sender, on its outbox (Kamaelia's PostboxPeer). The natural server:
 * answer a request with {@code inbox().put(request.reply(answer))}.
 *
 * <p>Errors, lifecycle and control messages as {@link UdpPeer}: an oversized datagram, a recipient of the
 * other address family or with port 0 is refused on the sender's thread with an
 * {@link IllegalArgumentException}; a send the socket fails is signalled as {@link Lifecycle.SendFailed}.
 * The sender field of an outgoing datagram is ignored: it always leaves from this socket.
 *
 * <pre>{@code
 * try (UdpPostboxPeer server = UdpPostboxPeer.builder().build()) {
 *     server.start();
 *     Datagram request = server.outbox().take(Duration.ofSeconds(5));
 *     server.inbox().put(request.reply(Chunk.ofUtf8("pong")));
 * }
 * }</pre>
 */
public final class UdpPostboxPeer extends DatagramComponent<Datagram> {

    private UdpPostboxPeer(InetSocketAddress bindAddress, DatagramSettings settings) {
        super("UdpPostboxPeer", settings, DatagramEndpoint.Options.unicast(bindAddress));
    }

    /** Each datagram already names its recipient. */
    @Override
    Datagram addressed(Datagram datagram) {
        return datagram;
    }

    /** A builder for a peer on {@code 127.0.0.1:0}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link UdpPostboxPeer}. */
    public static final class Builder {
        private InetSocketAddress bindAddress = Addresses.loopback(0);
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

        public Builder settings(DatagramSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public UdpPostboxPeer build() {
            return new UdpPostboxPeer(bindAddress, settings);
        }
    }

    /** Whether the socket is open. */
    public boolean isOpen() {
        return endpoint().isOpen();
    }

    /** {@code UdpPostboxPeer{new}}, {@code UdpPostboxPeer{127.0.0.1:4000}}, {@code UdpPostboxPeer{closed}}. */
    @Override
    public String toString() {
        return endpoint().describe("");
    }

    @Override
    public UdpPostboxPeer start() {
        super.start();
        return this;
    }
}
