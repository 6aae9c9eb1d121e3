package io.netharness.core.udp;

import io.netharness.core.Chunk;
import io.netharness.core.Format;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One UDP datagram: its payload and where it goes or where it came from.
 *
 * <p>Every datagram a UDP or multicast component <b>receives</b> comes out of its outbox as a
 * {@code Datagram} whose {@link #sender()} is the peer that sent it and whose {@link #recipient()} is the
 * local address of the socket that received it (for a multicast receiver bound to its group, the group and
 * port; for a socket bound to a wildcard address, that wildcard and port).
 * A datagram to <b>send</b> through a {@link UdpPostboxPeer} or a reply needs only a recipient:
 * {@link #to(InetSocketAddress, Chunk)}; its sender is then {@code null} until the socket fills it in.
 *
 * <pre>{@code
 * Datagram request = peer.outbox().take(Duration.ofSeconds(5));
 * peer.inbox().put(request.reply(Chunk.ofUtf8("pong")));
 * }</pre>
 *
 * @param content the payload
 * @param sender who sent it; {@code null} only for a datagram not yet sent
 * @param recipient where it was (or is to be) sent
 */
public record Datagram(Chunk content, InetSocketAddress sender, InetSocketAddress recipient) {

    /** The largest UDP payload over IPv4: 65,535 less the 20-byte IP and 8-byte UDP headers. */
    public static final int MAX_IPV4_PAYLOAD = 65_507;

    /** The largest UDP payload over IPv6 (without jumbograms): 65,535 less the 8-byte UDP header. */
    public static final int MAX_IPV6_PAYLOAD = 65_527;

    /** Checks that the content and the recipient are given; the sender may be {@code null}. */
    public Datagram {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(recipient, "recipient");
    }

    /** A datagram to send to {@code recipient}. */
    public static Datagram to(InetSocketAddress recipient, Chunk content) {
        return new Datagram(content, null, recipient);
    }

    /** A datagram to send to {@code recipient} holding {@code text} as UTF-8. */
    public static Datagram to(InetSocketAddress recipient, String text) {
        return to(recipient, Chunk.ofUtf8(text));
    }

    /** A datagram back to this one's sender, from the address it was sent to. */
    public Datagram reply(Chunk replyContent) {
        if (sender == null) {
            throw new IllegalStateException("cannot reply to " + this + ": it has no sender");
        }
        return new Datagram(replyContent, recipient, sender);
    }

    /** The sender, absent for a datagram not yet sent. */
    public Optional<InetSocketAddress> senderAddress() {
        return Optional.ofNullable(sender);
    }

    /** The largest payload a datagram to {@code recipient} can carry: by the recipient's address family. */
    public static int maxPayload(InetSocketAddress recipient) {
        return recipient.getAddress() instanceof Inet6Address ? MAX_IPV6_PAYLOAD : MAX_IPV4_PAYLOAD;
    }

    /** The payload decoded as UTF-8. */
    public String text() {
        return content.toUtf8();
    }

    @Override
    public String toString() {
        return "Datagram[" + (sender == null ? "" : Format.address(sender)) + "->" + Format.address(recipient)
                + ", " + content + "]";
    }
}
