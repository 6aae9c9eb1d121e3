package io.netharness.simulator;

import io.netharness.core.Format;
import io.netharness.simulator.internal.Check;
import io.netharness.simulator.internal.udp.FateObserver;
import io.netharness.simulator.internal.udp.UdpRelay;
import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netharness.simulator.profile.Mtu;
import io.netharness.simulator.profile.Reordering;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An impaired UDP link: the system under test sends datagrams to {@link #address()} instead of the target,
 * and the link forwards each one to {@link #target()} through the upstream {@link LinkProfile}; the target's
 * replies come back through the downstream profile.
 *
 * <pre>{@code
 * try (UdpLink link = UdpLink.builder()
 *         .target(server.address())
 *         .upstream(LinkProfile.builder().loss(Loss.random(0.02)).build())
 *         .downstream(LinkProfile.builder().latency(Latency.of(Duration.ofMillis(20), Duration.ofMillis(5))).build())
 *         .seed(42)
 *         .build()
 *         .start()) {
 *     client.send(payload, link.address());
 *     ...
 *     System.out.println(link.statistics());
 * }
 * }</pre>
 *
 * <p><b>Per datagram</b>, as netem does: each datagram is dropped, truncated or dropped for the {@link Mtu},
 * duplicated, corrupted (one bit flipped), queued behind the {@link Bandwidth}, delayed by the
 * {@link Latency} and possibly held back for {@link Reordering}, in that order (see {@link LinkProfile}).
 * With jitter, a datagram drawn a shorter delay overtakes an earlier one, as on a real path.
 *
 * <p><b>Replies (NAT-like).</b> Each client source address gets its own socket towards the target, bound to a
 * fresh loopback port (a port-preserving NAT's "session"); whatever arrives on that socket goes back to that
 * client, so clients see replies from the address they sent to. Sessions last until
 * {@link #cut(CutMode) cut(DROP_EXISTING)}, {@link #close()}, or an idle timeout if one is set
 * ({@link Builder#sessionIdleTimeout(Duration)}); no new session is opened while the link is cut. Whatever
 * arrives on a session's socket goes back to its client, from the target or not (a full-cone NAT).
 *
 * <p><b>Peer addresses.</b> Replies from the target come from {@link #address()}. By default
 * ({@link ReplyAddresses#PER_PEER}) a reply from any other address, such as the new port a TFTP server answers from
 * (its transfer ID), comes from a link-side address of its own (same host as {@link #address()}, a new port), and
 * what a client sends to that address goes to that peer through the client's session: the client sees the server's
 * port change and answers the right one, as without the link ({@link #peerAddresses()} lists the mapping). Both
 * directions keep their one stream of decisions, whatever address a datagram crossed. With
 * {@link ReplyAddresses#LINK_ADDRESS} every reply comes from {@link #address()} and clients reach only the target,
 * which breaks protocols whose server answers from another port. A link keeps at most 1,024 peer addresses (later
 * peers' replies come from {@link #address()}); they live as long as sessions do.
 *
 * <p><b>Cut.</b> {@link #cut(CutMode)} drops every datagram that arrives afterwards, both ways (counted as
 * dropped); with {@link CutMode#KEEP_EXISTING} datagrams already delayed still arrive, with
 * {@link CutMode#DROP_EXISTING} they are discarded and the client sessions forgotten.
 *
 * <p><b>Faults.</b> A {@link DatagramFault} changes the profile (loss, duplication, reordering, corruption, ...) or
 * cuts the link for the windows of a {@link Trigger} of time, e.g. every second 200 ms of total loss; faults given to
 * the builder are in force from the first datagram.
 *
 * <p><b>Queue.</b> At most {@link Builder#maxQueued(int)} copies (default 65,536) wait per direction; more
 * are tail-dropped, as a router drops when its queue is full, so a bandwidth limit cannot fill the heap.
 *
 * <p><b>Seeds.</b> Upstream decisions draw from {@code Seeds.derive(seed, "udp/upstream")}, downstream from
 * {@code "udp/downstream"} (then split per kind of decision, see {@code ImpairmentEngine}); all clients of a
 * direction share its stream, in the order their datagrams reach the link. The same seed and the same
 * sequence of datagrams give the same fates, bit for bit.
 *
 * <p><b>Capture.</b> With {@link Builder#capture(Path)}, every datagram the link sends on is recorded as it
 * leaves (after impairment: what the receiver gets), upstream as {@code client -> target} and downstream as
 * {@code target -> client}, in a pcap file that {@code tshark -r} and Wireshark open.
 *
 * <p><b>Threads and lifecycle.</b> One event loop (its own, epoll when available, unless
 * {@link Builder#eventLoopGroup} is given) runs all sockets, decisions and timers; delays are Netty scheduled
 * tasks precise to well under a millisecond. {@link #start()} is idempotent; {@link #close()} is idempotent,
 * closes every socket, releases every queued buffer, stops its own thread and closes the capture, waiting at
 * most 10 s; it must not be called on the link's event loop. No restart after close.
 *
 * <p><b>Ready when started.</b> When {@link #start()} returns, the link's socket is bound and read, and the first
 * datagram costs what later ones do: the first UDP link started in a JVM first runs a throwaway link of its own on
 * loopback (a few hundred milliseconds, once per JVM; see {@code LinkWarmup}), so class loading and compilation do
 * not stall the first datagrams (in a fresh JVM they took 200-400 ms, long enough for a fast sender to overflow the
 * link's socket). Nothing reaches the target but what clients send. {@code -Dnetharness.warmup=false} turns that off.
 */
public final class UdpLink extends RelayedLink {

    private final UdpRelay relay;

    private UdpLink(Builder builder, long seed) {
        this(builder, seed, new UdpRelay(builder.listen, builder.target, seed, builder.upstream,
                builder.downstream, builder.eventLoopGroup, builder.capture, builder.maxQueued,
                builder.sessionIdleTimeout, builder.replyAddresses == ReplyAddresses.PER_PEER));
    }

    private UdpLink(Builder builder, long seed, UdpRelay relay) {
        super(builder.target, seed, relay, "udp", EnumSet.allOf(Direction.class));
        this.relay = relay;
        builder.faults.forEach(fault -> addDatagramFault(fault.direction(), fault.fault()));
    }

    /** Which addresses replies come from, and where clients can send; see "Peer addresses" above. */
    public enum ReplyAddresses {
        /**
         * The default: the target's replies come from {@link UdpLink#address()}, every other upstream peer's from a
         * link-side address of its own that forwards to that peer.
         */
        PER_PEER,
        /** Every reply comes from {@link UdpLink#address()}, and clients reach only the target. */
        LINK_ADDRESS
    }

    /** A builder; {@link Builder#target} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A perfect (unimpaired) link to {@code 127.0.0.1:port}, not yet started. */
    public static UdpLink to(int port) {
        return builder().target(port).build();
    }

    @Override
    public UdpLink start() {
        LinkWarmup.ensure(LinkWarmup.Kind.UDP);
        startRelay();
        return this;
    }

    /** Applies {@code profile} in {@code direction} from the next datagram on; queued datagrams keep their fate. */
    @Override
    public void profile(Direction direction, LinkProfile profile) {
        super.profile(direction, profile);
    }

    /**
     * Applies {@code fault} in {@code direction} (a {@link Effect#profile profile change}: loss, duplication,
     * reordering, corruption, latency, ... for the windows of its trigger); it is in force when this returns if its
     * first window opens at once. A cut takes no direction: use {@link #addFault(DatagramFault)}.
     */
    public FaultHandle addFault(Direction direction, DatagramFault fault) {
        return addDatagramFault(Objects.requireNonNull(direction, "direction"), fault);
    }

    /** Applies {@code fault} in both directions, or to the link for a {@link Effect#cut(CutMode) cut}. */
    public FaultHandle addFault(DatagramFault fault) {
        return addDatagramFault(null, fault);
    }

    /** The faults in force, in the order they were added. */
    public List<FaultHandle> faults() {
        return datagramFaults.faults();
    }

    /** Client addresses that have a session (their own socket towards the target); requires a started link. */
    public int sessions() {
        return relay.sessions();
    }

    /**
     * Upstream peers other than the target that have answered a client, each with the link-side address that stands
     * for it (see "Peer addresses"); empty with {@link ReplyAddresses#LINK_ADDRESS}. Requires a started link.
     */
    public Map<InetSocketAddress, InetSocketAddress> peerAddresses() {
        return relay.peerAddresses();
    }

    /** Datagram copies waiting in the link (delayed, queued behind the bandwidth, or held for reordering). */
    public int inFlight() {
        return relay.inFlight();
    }

    /** Test hook: sees every decision in order, on the event loop. */
    void observeFates(FateObserver observer) {
        relay.observer(observer);
    }

    /** Builds a {@link UdpLink}; not thread-safe. */
    public static final class Builder extends ProxyLinkBuilder<Builder> {
        private record Fault(Direction direction, DatagramFault fault) {}

        private int maxQueued = 65_536;
        private Duration sessionIdleTimeout;
        private ReplyAddresses replyAddresses = ReplyAddresses.PER_PEER;
        private final List<Fault> faults = new ArrayList<>();

        /** A fault in force from the first datagram: its windows are timed from the link's start. */
        public Builder fault(Direction direction, DatagramFault fault) {
            faults.add(new Fault(Objects.requireNonNull(direction, "direction"), Objects.requireNonNull(fault,
                    "fault")));
            return this;
        }

        /** As {@link #fault(Direction, DatagramFault)}, in both directions (or on the link, for a cut). */
        public Builder fault(DatagramFault fault) {
            faults.add(new Fault(null, Objects.requireNonNull(fault, "fault")));
            return this;
        }

        private Builder() {
        }

        /** Copies that may wait per direction before arriving datagrams are tail-dropped; default 65,536. */
        public Builder maxQueued(int datagrams) {
            this.maxQueued = Check.atLeast("maxQueued", datagrams, 1);
            return this;
        }

        /**
         * Forgets a client session after this long without traffic either way, as a NAT expires its mapping: the
         * client's next datagram opens a new session, seen by the target from a new source port, and replies to
         * the old port no longer reach the client. Default: sessions last until cut or close. The check runs
         * every quarter of the timeout (at least every millisecond).
         */
        public Builder sessionIdleTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "sessionIdleTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("sessionIdleTimeout: " + Format.duration(timeout)
                        + " (expected: > 0)");
            }
            this.sessionIdleTimeout = timeout;
            return this;
        }

        /** Which addresses replies come from; default {@link ReplyAddresses#PER_PEER}. */
        public Builder replyAddresses(ReplyAddresses replyAddresses) {
            this.replyAddresses = Objects.requireNonNull(replyAddresses, "replyAddresses");
            return this;
        }

        /** A link in state {@code new}; call {@link UdpLink#start()}. */
        public UdpLink build() {
            require(target, "UdpLink", "target");
            return new UdpLink(this, resolvedSeed());
        }
    }
}
