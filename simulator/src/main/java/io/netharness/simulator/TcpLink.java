package io.netharness.simulator;

import io.netharness.simulator.internal.tcp.TcpRelay;
import io.netharness.simulator.internal.tcp.TcpRelaySettings;
import io.netty.channel.EventLoopGroup;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
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
 * connections of a direction; loss shows as what an application sees of it on TCP: a stall. Loss is decided per
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
 * passed on as a reset. A client whose connection the target refuses is closed at once. {@link #cut(CutMode)} refuses new connections (reset at once) and holds (keep) or resets
 * (drop) existing ones; {@link #heal()} releases held data in order.
 *
 * <p><b>Lifecycle and threads.</b> Built, then {@link #start()} (idempotent) binds 127.0.0.1 port 0 unless told
 * otherwise; {@link #close()} (idempotent) stops listening, closes every connection, releases every buffer it
 * holds, completes the capture file and, unless an event loop group was supplied, stops its threads (two daemon
 * threads of its own; pass {@code io.netharness.core.Transport.sharedGroup()} to share harness-core's); it waits
 * for all of that and fails with {@link IllegalStateException} after 10 s. No restart after close. All methods are
 * thread-safe; they must not be called on the link's own event loops ({@code start} and {@code close} block).
 * Cuts, heals and faults have reached every open connection when the call returns.
 *
 * <p><b>Seeds.</b> Every decision of connection {@code i} (in accept order) in a direction draws from a generator
 * seeded with {@code Seeds.derive(seed, "tcp/connection/<i>/<upstream|downstream>")}, so the same seed and the
 * same traffic give the same delays, stalls and fault choices.
 */
public final class TcpLink implements SimulatedLink {

    private enum State { NEW, STARTED, CLOSED }

    private final InetSocketAddress target;
    private final long seed;
    private final TcpRelay relay;
    private State state = State.NEW;
    private InetSocketAddress address;

    private TcpLink(Builder builder) {
        this.target = builder.target;
        this.seed = builder.seed != null ? builder.seed : Seeds.random();
        this.relay = new TcpRelay(builder.listen, builder.target, seed, builder.upstream, builder.downstream,
                builder.eventLoopGroup, builder.settings(), builder.capture);
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
    public synchronized TcpLink start() {
        if (state == State.CLOSED) {
            throw new IllegalStateException(this + " cannot be restarted after close()");
        }
        if (state == State.NEW) {
            try {
                address = relay.start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + this, e);
            }
            state = State.STARTED;
        }
        return this;
    }

    @Override
    public synchronized InetSocketAddress address() {
        if (state != State.STARTED) {
            throw new IllegalStateException(this + " has no address: call start() first");
        }
        return address;
    }

    @Override
    public InetSocketAddress target() {
        return target;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public LinkProfile profile(Direction direction) {
        return relay.profile(Objects.requireNonNull(direction, "direction"));
    }

    /** Applies {@code profile} in {@code direction} to data read from now on; data already held keeps its timing. */
    @Override
    public void profile(Direction direction, LinkProfile profile) {
        relay.profile(direction, profile);
    }

    @Override
    public void cut(CutMode mode) {
        relay.cut(mode);
    }

    @Override
    public void heal() {
        relay.heal();
    }

    @Override
    public boolean isCut() {
        return relay.isCut();
    }

    /**
     * Applies {@code fault} in {@code direction} to every connection, open or future. It has reached every open
     * connection when this method returns (unless called on the link's own event loop), so data sent afterwards is
     * subject to it.
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
        synchronized (this) {
            if (state == State.CLOSED) {
                throw new IllegalStateException(this + " takes no faults after close()");
            }
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

    @Override
    public LinkStatistics statistics() {
        return relay.statistics();
    }

    /** How many lost segments were shown as retransmission stalls in {@code direction} so far. */
    public long retransmissionStalls(Direction direction) {
        return relay.retransmissionStalls(Objects.requireNonNull(direction, "direction"));
    }

    /** Connections currently open through the link. */
    public int openConnections() {
        return relay.openConnections();
    }

    /** Test hook: the event loops the link runs on, null before {@link #start()}. */
    EventLoopGroup eventLoops() {
        return relay.eventLoops();
    }

    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        try {
            relay.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing TcpLink{" + address + " -> " + target + "}", e);
        }
    }

    @Override
    public synchronized String toString() {
        return switch (state) {
            case NEW -> "TcpLink{new}";
            case STARTED -> "TcpLink{" + format(address) + " -> " + format(target) + (relay.isCut() ? ", cut" : "") + "}";
            case CLOSED -> "TcpLink{closed}";
        };
    }

    private static String format(InetSocketAddress address) {
        if (address.getAddress() == null) {
            return address.getHostString() + ":" + address.getPort();
        }
        String host = NetUtil.toAddressString(address.getAddress()); // RFC 5952: "::1", not "0:0:0:0:0:0:0:1"
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Builds a {@link TcpLink}; not thread-safe. */
    public static final class Builder {
        private InetSocketAddress target;
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 0);
        private Long seed;
        private LinkProfile upstream = LinkProfile.PERFECT;
        private LinkProfile downstream = LinkProfile.PERFECT;
        private EventLoopGroup eventLoopGroup;
        private long bufferBytes = TcpRelaySettings.DEFAULTS.bufferBytes();
        private Duration initialRto = TcpRelaySettings.DEFAULTS.initialRto();
        private Duration maxRto = TcpRelaySettings.DEFAULTS.maxRto();
        private Path capture;

        private Builder() {}

        /** Where the link forwards to (required). */
        public Builder target(InetSocketAddress target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /** Forwards to {@code 127.0.0.1:port}. */
        public Builder target(int port) {
            return target(new InetSocketAddress("127.0.0.1", port));
        }

        /** Where the link listens; default 127.0.0.1 port 0 (any free port). */
        public Builder listen(InetSocketAddress listen) {
            this.listen = Objects.requireNonNull(listen, "listen");
            return this;
        }

        /** The seed of every random decision; default a fresh one from {@link Seeds#random()}. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Profile from client to target; default {@link LinkProfile#PERFECT}. */
        public Builder upstream(LinkProfile profile) {
            this.upstream = Objects.requireNonNull(profile, "upstream");
            return this;
        }

        /** Profile from target to client; default {@link LinkProfile#PERFECT}. */
        public Builder downstream(LinkProfile profile) {
            this.downstream = Objects.requireNonNull(profile, "downstream");
            return this;
        }

        /** The same profile both ways. */
        public Builder profile(LinkProfile profile) {
            return upstream(profile).downstream(profile);
        }

        /**
         * Event loops to run on (epoll or NIO); the link does not shut them down. Default: two threads of its own,
         * epoll when available.
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = Objects.requireNonNull(group, "eventLoopGroup");
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
        public Builder capture(Path pcap) {
            this.capture = Objects.requireNonNull(pcap, "capture");
            return this;
        }

        /** A link in state {@code new}; call {@link TcpLink#start()}. */
        public TcpLink build() {
            if (target == null) {
                throw new IllegalStateException("TcpLink.builder() requires target(...)");
            }
            return new TcpLink(this);
        }

        private TcpRelaySettings settings() {
            return new TcpRelaySettings(bufferBytes, initialRto, maxRto, TcpRelaySettings.DEFAULTS.segmentBytes());
        }
    }
}
