package io.netharness.simulator;

import io.netharness.core.Format;
import io.netharness.simulator.internal.tcp.TcpRelay;
import io.netharness.simulator.internal.tcp.TcpRelaySettings;
import io.netharness.simulator.profile.ConnectionProfiles;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An impaired TCP link: a proxy the system under test connects to instead of the real server. Each accepted
 * connection gets its own connection to the {@link #target()}, and the bytes in each direction are relayed
 * through that direction's {@link LinkProfile} and the {@link ConnectionFault}s in force.
 *
 * <pre>{@code
 * try (TcpLink link = TcpLink.builder()
 *         .target(server.address())
 *         .upstream(LinkProfile.builder().latency(Latency.of(Duration.ofMillis(20))).build())
 *         .seed(42)
 *         .build()
 *         .start();
 *         Socket client = new Socket(link.address().getAddress(), link.address().getPort())) {
 *     client.getOutputStream().write(request); // reaches the server 20 ms later
 *     FaultHandle reset = link.addFault(Direction.DOWNSTREAM, ConnectionFault.resetPeer(Duration.ofSeconds(1)));
 *     // a second from now the client's read fails with "Connection reset"
 * }
 * }</pre>
 * (This example is compiled and run in the tests: {@code TcpLinkExampleTest}.)
 *
 * <p><b>TCP changes timing, never content.</b> Bytes arrive complete and in order: latency and jitter are drawn
 * per chunk, but a chunk is never delivered before an earlier one; bandwidth is a token bucket shared by all
 * connections of a direction (or one per connection, with {@link #profiles per-connection profiles}); loss shows as what an application sees of it on TCP: a stall. Loss is decided per
 * 1460-byte segment of the stream; a lost segment holds the stream for a retransmission timeout, 200 ms at first,
 * doubling for each further consecutive loss up to 60 s ({@link Builder#retransmissionTimeout}), back to 200 ms after
 * a segment gets through; then the data arrives intact. Only {@link Corruption} changes content (one bit per chosen
 * chunk), and only when asked for. Duplication, reordering and MTU have no effect on TCP links (the kernel's TCP
 * hides them). The model is described in full in the implementation package's documentation.
 *
 * <p><b>Timers.</b> Delays are tasks on the connection's event loop (epoll's timerfd where available), precise to
 * tens of microseconds on an idle machine; no timer wheel.
 *
 * <p><b>Back-pressure.</b> Each direction of each connection holds at most about
 * {@link Builder#bufferBytes(long)} (8 MiB by default); beyond that the link stops reading from the sender, so
 * the sender's socket buffers fill as on a real slow path. A long transfer never piles up in memory.
 *
 * <p><b>Closing.</b> A half-close (FIN) is passed on once the data before it has been delivered; a reset is
 * passed on as a reset. A client whose connection the target refuses is closed at once (reset, and later clients
 * refused, with {@link Builder#refuseWhileTargetRefuses()}). {@link #cut(CutMode)} refuses new connections (reset at
 * once) and holds (keep) or resets (drop) existing ones; {@link #heal()} releases held data in order.
 *
 * <p><b>Faults.</b> A {@link ConnectionFault} is a {@link Trigger} (when) composed with an {@link Effect} (what),
 * added in one direction, in both ({@link #addFault(ConnectionFault)}), or to the link itself:
 * <pre>{@code
 * link.addFault(Direction.DOWNSTREAM, ConnectionFault.of(Trigger.after(Duration.ofMillis(500)), Effect.resetPeer()));
 * link.addFault(ConnectionFault.of(Trigger.flapping(Duration.ofMillis(200), Duration.ofMillis(100)),
 *         Effect.cut(CutMode.DROP_EXISTING)));                        // flaps up and down
 * link.addFault(ConnectionFault.refuse());                             // connect(): "Connection refused"
 * link.addFault(ConnectionFault.acceptDelay(Duration.ofSeconds(2)));   // connect() waits
 * link.addFault(Direction.DOWNSTREAM,                                  // the third Redis reply never arrives
 *         ConnectionFault.of(Trigger.onMessage(Framer.resp(), 3), Effect.drop()));
 * }</pre>
 * Faults given to the {@link Builder#fault(ConnectionFault) builder} are in force before the link accepts its first
 * connection. Faults at connection set-up act on the listening socket: a refusing link does not listen (its port is
 * held by a bound socket meanwhile), a stalling one keeps its accept queue full so the kernel drops SYNs (epoll only).
 * Faults on messages cut the stream with a {@link Framer} and forward it message by message while they are in force;
 * TCP stays ordered, and what dropping a message means is said at {@link Effect}.
 *
 * <p><b>Lifecycle and threads.</b> Built, then {@link #start()} (idempotent) binds 127.0.0.1 port 0 unless told
 * otherwise; {@link #close()} (idempotent) stops listening, closes every connection, releases every buffer it
 * holds, completes the capture file and, unless an event loop group was supplied, stops its threads (two daemon
 * threads of its own; pass {@code io.netharness.core.Transport.sharedGroup()} to share harness-core's); it waits
 * for all of that and fails with {@link IllegalStateException} after 10 s. No restart after close. All methods are
 * thread-safe; they must not be called on the link's own event loops ({@code start} and {@code close} block).
 * Cuts, heals and faults have reached every open connection when the call returns.
 *
 * <p><b>Ready when started.</b> The first TCP link started in a JVM first runs a throwaway link to an echo server
 * of its own on loopback (once per JVM; see {@code LinkWarmup}), so the first connection through a link costs what
 * later ones do instead of the 30-125 ms of class loading and compilation it took in a fresh JVM. Nothing reaches
 * the target but what clients send. {@code -Dnetharness.warmup=false} turns that off.
 *
 * <p><b>Seeds.</b> Every decision of connection {@code i} (in accept order) in a direction draws from a generator
 * seeded with {@code Seeds.derive(seed, "tcp/connection/<i>/<upstream|downstream>")}, so the same seed and the
 * same traffic give the same delays, stalls and fault choices.
 */
public final class TcpLink extends RelayedLink {

    /** {@link #awaitNoOpenConnections} waits at most this long, whatever it is given (no deadline overflows). */
    private static final Duration MAX_WAIT = Duration.ofDays(1);

    private final TcpRelay relay;

    private TcpLink(Builder builder, long seed) {
        this(builder, seed, new TcpRelay(builder.listen, builder.target, seed, builder.upstream,
                builder.downstream, builder.eventLoopGroup, builder.settings(), builder.capture));
    }

    private TcpLink(Builder builder, long seed, TcpRelay relay) {
        super(builder.target, seed, relay);
        this.relay = relay;
        for (Builder.Fault fault : builder.faults) {
            relay.addFault(fault.direction(), fault.fault(), fault.toxicity());
        }
    }

    /** A builder; {@link Builder#target} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A perfect (unimpaired) link, not yet started, to {@code 127.0.0.1:port}. */
    public static TcpLink to(int port) {
        return builder().target(port).build();
    }

    /** A perfect (unimpaired) link, not yet started, to {@code target}. */
    public static TcpLink to(InetSocketAddress target) {
        return builder().target(target).build();
    }

    @Override
    public TcpLink start() {
        LinkWarmup.ensure(LinkWarmup.Kind.TCP);
        startRelay();
        return this;
    }

    /** No: TcpRelay undoes a failed start itself (event loops, capture file), so the link may be started again. */
    @Override
    boolean closesOnFailedStart() {
        return false;
    }

    /**
     * Applies {@code profile} in {@code direction} to every connection, open or future, for data read from now on;
     * data already held keeps its timing. Replaces {@linkplain #profiles per-connection profiles}.
     */
    @Override
    public void profile(Direction direction, LinkProfile profile) {
        super.profile(direction, profile);
    }

    /**
     * The link-wide profile in {@code direction}; under {@linkplain #profiles per-connection profiles}, the one the
     * next accepted connection will get.
     */
    @Override
    public LinkProfile profile(Direction direction) {
        return super.profile(direction);
    }

    /**
     * Gives each connection in {@code direction} its own profile, chosen by {@code selection} from the connection's
     * index (accept order), for open connections from their next chunk and for every future connection, until
     * the next {@link #profile(Direction, LinkProfile)} or {@code profiles} call. A bandwidth in these profiles
     * limits each connection separately, as Toxiproxy's bandwidth toxic does; a link-wide profile's bandwidth is
     * one bottleneck shared by all connections.
     *
     * <p>{@code selection} is asked at once for the next connection's profile, so one that gives null fails here
     * with {@link NullPointerException}. If it fails later for some connection, that connection is closed and a
     * warning logged; the link goes on.
     */
    public void profiles(Direction direction, ConnectionProfiles selection) {
        relay.profiles(Objects.requireNonNull(direction, "direction"), Objects.requireNonNull(selection, "selection"));
    }

    /**
     * Applies {@code fault} in {@code direction} to every connection, open or future. It has reached every open
     * connection when this method returns (unless called on the link's own event loop), so data sent afterwards is
     * subject to it. An effect on the link ({@link Effect.Scope#LINK}) takes no direction: use
     * {@link #addFault(ConnectionFault)}.
     */
    public FaultHandle addFault(Direction direction, ConnectionFault fault) {
        return addFault(direction, fault, 1.0);
    }

    /**
     * Applies {@code fault} in {@code direction} to a share of the connections: each connection is picked with
     * probability {@code toxicity} (0.0-1.0) by the link's seed, once, when the fault reaches it (Toxiproxy's
     * toxicity).
     */
    public FaultHandle addFault(Direction direction, ConnectionFault fault, double toxicity) {
        return add(Objects.requireNonNull(direction, "direction"), fault, toxicity);
    }

    /**
     * Applies {@code fault} without a direction: an effect on connections acts on both directions of every
     * connection (a reset resets both peers; {@link ConnectionFault#acceptThenHang()} hangs both ways), an effect on
     * the link acts on the link ({@link ConnectionFault#refuse()}, {@link ConnectionFault#acceptDelay(Duration)},
     * {@link Effect#cut(CutMode)}). It is in force when this method returns (a refusing link no longer listens).
     */
    public FaultHandle addFault(ConnectionFault fault) {
        return add(null, fault, 1.0);
    }

    /** As {@link #addFault(ConnectionFault)}, on a share {@code toxicity} of the connections (not for the link). */
    public FaultHandle addFault(ConnectionFault fault, double toxicity) {
        return add(null, fault, toxicity);
    }

    private FaultHandle add(Direction direction, ConnectionFault fault, double toxicity) {
        if (isClosed()) {
            throw new IllegalStateException(this + " takes no faults after close()");
        }
        return relay.addFault(direction, fault, toxicity);
    }

    /** Same as {@link FaultHandle#remove()}. */
    public void removeFault(FaultHandle fault) {
        fault.remove();
    }

    /** The faults in force, in the order they were added. */
    public List<FaultHandle> faults() {
        return relay.activeFaults();
    }

    /** How many lost segments were shown as retransmission stalls in {@code direction} so far. */
    public long retransmissionStalls(Direction direction) {
        return relay.retransmissionStalls(Objects.requireNonNull(direction, "direction"));
    }

    /** Connections currently open through the link. */
    public int openConnections() {
        return relay.openConnections();
    }

    /**
     * Waits until no connection is open through the link, at most {@code timeout}; returns whether none is. A
     * connection stays open a moment after its client closes, while the close crosses the link to the target and
     * back, so a test that closed its clients and then checks {@link #openConnections()} or the statistics waits
     * here first. Returns as soon as the last one closes (it does not poll).
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException     if the calling thread is interrupted while it waits
     */
    public boolean awaitNoOpenConnections(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: zero or more)");
        }
        long nanos = timeout.compareTo(MAX_WAIT) > 0 ? MAX_WAIT.toNanos() : timeout.toNanos();
        return relay.awaitNoOpenConnections(System.nanoTime() + nanos);
    }

    /** Test hook: the event loops the link runs on, null before {@link #start()}. */
    EventLoopGroup eventLoops() {
        return relay.eventLoops();
    }

    /** Shows IPv6 addresses as RFC 5952 with brackets ({@code [::1]:port}), not {@code 0:0:0:0:0:0:0:1}. */
    @Override
    String format(InetSocketAddress address) {
        return Format.address(address);
    }

    /** Builds a {@link TcpLink}; not thread-safe. */
    public static final class Builder extends ProxyLinkBuilder<Builder> {
        private record Fault(Direction direction, ConnectionFault fault, double toxicity) {}

        private long bufferBytes = TcpRelaySettings.DEFAULTS.bufferBytes();
        private Duration initialRto = TcpRelaySettings.DEFAULTS.initialRto();
        private Duration maxRto = TcpRelaySettings.DEFAULTS.maxRto();
        private Duration targetProbe = Duration.ZERO;
        private final List<Fault> faults = new ArrayList<>();

        private Builder() {}

        /**
         * A fault in force from the first connection: the link applies it before it accepts any (a refusing link
         * never listens before the fault is removed, a stalling one starts stalled). Validated by {@link #build()}.
         * The handle is in {@link TcpLink#faults()}.
         */
        public Builder fault(ConnectionFault fault) {
            return fault(fault, 1.0);
        }

        /** As {@link #fault(ConnectionFault)}, on a share {@code toxicity} of the connections (not for the link). */
        public Builder fault(ConnectionFault fault, double toxicity) {
            faults.add(new Fault(null, Objects.requireNonNull(fault, "fault"), toxicity));
            return this;
        }

        /** As {@link #fault(ConnectionFault)}, in one direction. */
        public Builder fault(Direction direction, ConnectionFault fault) {
            return fault(direction, fault, 1.0);
        }

        /** As {@link #fault(ConnectionFault)}, in one direction, on a share {@code toxicity} of the connections. */
        public Builder fault(Direction direction, ConnectionFault fault, double toxicity) {
            faults.add(new Fault(Objects.requireNonNull(direction, "direction"), Objects.requireNonNull(fault,
                    "fault"), toxicity));
            return this;
        }

        /**
         * While the target refuses the link's connections, the link refuses its clients too (their
         * {@code connect()} fails with "Connection refused", as against the target itself), trying the target every
         * 50 ms until it accepts again. The client whose connection found the target down is reset. The link tries
         * the target once when it starts, so it refuses from the start if the target is down then.
         */
        public Builder refuseWhileTargetRefuses() {
            return refuseWhileTargetRefuses(Duration.ofMillis(50));
        }

        /** As {@link #refuseWhileTargetRefuses()}, trying the target every {@code probeInterval} (above zero). */
        public Builder refuseWhileTargetRefuses(Duration probeInterval) {
            Objects.requireNonNull(probeInterval, "refuseWhileTargetRefuses.probeInterval");
            if (probeInterval.isNegative() || probeInterval.isZero()) {
                throw new IllegalArgumentException("refuseWhileTargetRefuses.probeInterval: "
                        + Format.duration(probeInterval)
                        + " (expected: > 0)");
            }
            this.targetProbe = probeInterval;
            return this;
        }

        /** Bytes each direction of a connection may hold before reading from the sender pauses; default 8 MiB. */
        public Builder bufferBytes(long bytes) {
            this.bufferBytes = bytes;
            return this;
        }

        /** The stall shown for a lost segment, doubling for consecutive losses up to {@code max}; 200 ms / 60 s. */
        public Builder retransmissionTimeout(Duration initial, Duration max) {
            this.initialRto = initial;
            this.maxRto = max;
            return this;
        }

        /**
         * Records every connection to {@code pcap} (created or replaced at {@link TcpLink#start()}, complete after
         * {@link TcpLink#close()}): a synthetic handshake, the bytes as they were delivered in each direction, with
         * delivery timestamps, and FIN or RST at the end. {@code tshark -r} and Wireshark open it.
         */
        @Override
        public Builder capture(Path pcap) {
            return super.capture(pcap);
        }

        /** A link in state {@code new}; call {@link TcpLink#start()}. */
        public TcpLink build() {
            require(target, "TcpLink", "target");
            return new TcpLink(this, resolvedSeed());
        }

        private TcpRelaySettings settings() {
            return new TcpRelaySettings(bufferBytes, initialRto, maxRto, TcpRelaySettings.DEFAULTS.segmentBytes(),
                    targetProbe);
        }
    }
}
