package io.netharness.simulator.internal.tcp;

import io.netharness.core.ComponentFailedException;
import io.netharness.core.FailureScope;
import io.netharness.core.Lifecycle;
import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.CutMode;
import io.netharness.simulator.Direction;
import io.netharness.simulator.Effect;
import io.netharness.simulator.FaultHandle;
import io.netharness.simulator.LinkStatistics;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.internal.Relay;
import io.netharness.simulator.internal.pcap.PcapWriter;
import io.netharness.simulator.internal.pcap.TcpFlow;
import io.netharness.simulator.internal.stats.DirectionCounters;
import io.netharness.simulator.profile.ConnectionProfiles;
import io.netharness.simulator.profile.LinkProfile;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine behind {@link io.netharness.simulator.TcpLink}: a listening channel, the connections accepted on it,
 * the faults and profiles in force, and the statistics.
 *
 * <p>Threads: public methods are thread-safe. Each accepted connection and its connection to the target live on
 * one event loop; changes made from other threads (faults, cut, heal) are handed to that loop.
 */
public final class TcpRelay implements ProxiedConnection.Link, Relay {

    private static final long CLOSE_TIMEOUT_SECONDS = 10;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    // Reads grow up to 4 MiB (Netty's default stops at 64 KiB), so a bulk transfer takes in what the socket holds
    // with one read and hands it on with one write. CPU seconds per GiB relayed by a link in a process of its own, by
    // largest read: 256 KiB 0.91-1.20, 512 KiB-1 MiB 0.73-0.92, 2 MiB 0.55-0.60, 4 MiB 0.43-0.50 (NetCrusher, which
    // reads up to 2 MiB per readv, 0.40-0.47; BENCHMARKS.md). Reads grow only while they fill the buffer, so a
    // connection of small messages keeps small reads; impaired paths still plan chunks of at most
    // DirectionPath.PLANNED_CHUNK_BYTES. One allocator serves every channel: each channel gets its own handle (and
    // adaptive state) from it.
    static final int MAX_READ_BYTES = 4 << 20;
    private static final AdaptiveRecvByteBufAllocator READS =
            new AdaptiveRecvByteBufAllocator(512, 8 * 1024, MAX_READ_BYTES);

    private final InetSocketAddress listen;
    private final InetSocketAddress target;
    private final long seed;
    private final TcpRelaySettings settings;
    private final EventLoopGroup suppliedGroup;
    private final Path capturePath;
    private PcapWriter capture;
    private final Map<Direction, SharedBandwidth> bottlenecks = new EnumMap<>(Direction.class);
    private final Map<Direction, DirectionCounters> counters = new EnumMap<>(Direction.class);
    private final Map<Direction, LongAdder> stalls = new EnumMap<>(Direction.class);
    private final OpenConnections connections = new OpenConnections(CLOSE_TIMEOUT_SECONDS, this::onOwnEventLoop);
    private final List<RegisteredFault> faults = new CopyOnWriteArrayList<>();
    private static final AttributeKey<Long> CONNECTION_INDEX = AttributeKey.valueOf("netharness.connectionIndex");
    private static final AttributeKey<Boolean> PLUG = AttributeKey.valueOf("netharness.plug");

    private final AtomicLong nextConnectionIndex = new AtomicLong();
    private final AtomicLong nextFaultId = new AtomicLong();
    private final FailureScope failureScope = FailureScope.current();
    private final AtomicReference<ComponentFailedException> failure = new AtomicReference<>();

    private final LinkFaults linkFaults;
    private final AtomicInteger faultCuts = new AtomicInteger();

    private EventLoopGroup group;
    private EventLoop controlLoop;
    private TcpListener listener;
    private TargetProbe targetProbe;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile DirectionProfiles upstreamProfiles;
    private volatile DirectionProfiles downstreamProfiles;
    private volatile boolean cut;

    public TcpRelay(InetSocketAddress listen, InetSocketAddress target, long seed, LinkProfile upstream,
            LinkProfile downstream, EventLoopGroup suppliedGroup, TcpRelaySettings settings, Path capturePath) {
        this.capturePath = capturePath;
        this.listen = Objects.requireNonNull(listen, "listen");
        this.target = Objects.requireNonNull(target, "target");
        this.seed = seed;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.suppliedGroup = suppliedGroup;
        this.upstreamProfiles = DirectionProfiles.linkWide(Objects.requireNonNull(upstream, "upstream"));
        this.downstreamProfiles = DirectionProfiles.linkWide(Objects.requireNonNull(downstream, "downstream"));
        for (Direction direction : Direction.values()) {
            bottlenecks.put(direction, new SharedBandwidth());
            counters.put(direction, new DirectionCounters());
            stalls.put(direction, new LongAdder());
        }
        this.linkFaults = new LinkFaults(seed, new LinkFaults.Target() {
            @Override
            public Future<Void> refuse(boolean more) {
                return listener.refuse(more);
            }

            @Override
            public Future<Void> stall(boolean more) {
                return listener.stall(more);
            }

            @Override
            public void cut(Effect.Cut faultCut, boolean begins) {
                cutByFault(faultCut.mode(), begins);
            }
        });
    }

    /** Binds the listening socket; returns the bound address. Blocks until bound (never call on an event loop). */
    public synchronized InetSocketAddress start() throws InterruptedException {
        if (capturePath != null) {
            try {
                capture = PcapWriter.open(capturePath);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open capture file " + capturePath, e);
            }
        }
        group = suppliedGroup != null ? suppliedGroup : TcpTransport.newGroup(2, "netharness-tcplink");
        controlLoop = group.next();
        if (suppliedGroup == null) {
            startThreadsBesides(controlLoop);
        }
        TcpTransport transport = TcpTransport.of(group);
        Bootstrap targetBootstrap = new Bootstrap().channel(transport.channel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, READS);
        // The listening socket is the control loop's: TcpListener starts and closes it in one hand-over there.
        ServerBootstrap bootstrap = new ServerBootstrap().group(controlLoop, group).channel(transport.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, READS)
                .handler(new AcceptOrder())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        accept(client, targetBootstrap);
                    }
                });
        Bootstrap plugs = new Bootstrap().channel(transport.channel()).handler(TcpListener.Quiet.INSTANCE);
        listener = new TcpListener(bootstrap, plugs, transport.isEpoll(), this::failedListening);
        try {
            int refusals = 0;
            int stallsAtStart = 0;
            for (RegisteredFault fault : faults) {
                if (fault.onLink() && fault.fault().effect() instanceof Effect.StallAccepts) {
                    requireStalling(fault.fault());
                }
                if (fault.onLink() && linkFaults.opensAtStart(fault)) {
                    if (fault.fault().effect() instanceof Effect.Refuse) {
                        refusals++;
                    } else if (fault.fault().effect() instanceof Effect.StallAccepts) {
                        stallsAtStart++;
                    }
                }
            }
            boolean targetDown = settings.mirrorsTargetRefusals() && TargetProbe.refusedAtStart(target);
            targetProbe = settings.mirrorsTargetRefusals()
                    ? new TargetProbe(target, targetBootstrap.clone(), settings.targetProbe(), listener) : null;
            InetSocketAddress bound = listener.start(listen, controlLoop, refusals + (targetDown ? 1 : 0),
                    stallsAtStart, () -> {
                        linkFaults.start(controlLoop, faults);
                        if (targetProbe != null) {
                            targetProbe.start(controlLoop, targetDown);
                        }
                    });
            started = true;
            return bound;
        } catch (RuntimeException | InterruptedException e) {
            listener.close();
            shutDownOwnGroup();
            closeCapture();
            throw e;
        }
    }

    /**
     * Starts the own group's other loops now: Netty starts a loop's thread at its first task, which would otherwise
     * be the first accepted connection's registration, and that connection would wait for a new thread (a few
     * tenths of a millisecond on a small virtual machine). Nothing is waited for.
     */
    private void startThreadsBesides(EventLoop started) {
        for (EventExecutor executor : group) {
            if (executor != started) {
                executor.execute(() -> { });
            }
        }
    }

    private void requireStalling(ConnectionFault fault) {
        if (listener != null && !listener.canStall()) {
            throw new UnsupportedOperationException(fault + " needs the epoll transport (Linux), which stalls"
                    + " accepts by shrinking the listening socket's backlog; this link runs on NIO");
        }
    }

    private void accept(SocketChannel client, Bootstrap targetBootstrap) {
        if (Boolean.TRUE.equals(client.attr(PLUG).get())) {
            client.close(); // the listener's own connection that kept its accept queue full
            return;
        }
        Long index = client.attr(CONNECTION_INDEX).get();
        if (index == null || isCut() || closed) {
            // Refused: reset at once so the client sees an error, not an empty stream.
            client.config().setOption(ChannelOption.SO_LINGER, 0);
            client.close();
            return;
        }
        ProxiedConnection connection = new ProxiedConnection(index, client, seed, this);
        connections.add(connection);
        connection.open(targetBootstrap, target);
    }

    /**
     * Numbers accepted connections on the listening socket's event loop, in the order the kernel hands them over:
     * the child handler runs on each connection's own loop, where two connections accepted back to back could take
     * their numbers in either order, and {@code Trigger.onConnection(n)} and the per-connection seeds must follow
     * accept order. A connection accepted while the link is cut or closing gets no number (it is reset).
     */
    @ChannelHandler.Sharable
    private final class AcceptOrder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof Channel child) {
                if (listener.isPlug(child.remoteAddress())) {
                    child.attr(PLUG).set(Boolean.TRUE);
                } else if (!isCut() && !closed) {
                    child.attr(CONNECTION_INDEX).set(nextConnectionIndex.getAndIncrement());
                }
            }
            ctx.fireChannelRead(message);
        }
    }

    /** The listener could not return to listening or stalling: the link fails as a connection failure does. */
    private void failedListening(Throwable cause) {
        String component = "TCP link to " + target + " (listener)";
        if (!failure.compareAndSet(null, new ComponentFailedException(component, cause))) {
            failure.get().addSuppressed(cause);
        }
        if (failureScope != null) {
            failureScope.report(new Lifecycle.ComponentFailed(component, cause));
        }
    }

    @Override
    public boolean targetRefused(Throwable cause) {
        if (targetProbe == null || !TargetProbe.isRefusal(cause)) {
            return false;
        }
        targetProbe.refused();
        return true;
    }

    /**
     * Wires one direction of a connection. Its decisions draw from generators seeded with
     * {@code Seeds.derive(linkSeed, "tcp/connection/<index>/<upstream|downstream>")} and named sub-streams of it.
     */
    @Override
    public DirectionPath path(Direction direction, ProxiedConnection connection, Channel sender, Channel receiver) {
        long streamSeed = Seeds.derive(seed, "tcp/connection/" + connection.index() + "/"
                + direction.name().toLowerCase(Locale.ROOT));
        ConnectionFaults faultsOfConnection = connection.faults();
        ChunkPlanner planner = new ProfilePlanner(() -> {
            DirectionProfiles changed = faultsOfConnection.profiles(direction);
            return changed != null ? changed : profiles(direction);
        }, connection.index(), streamSeed, settings, bottlenecks.get(direction), stalls.get(direction),
                counters.get(direction));
        return new DirectionPath(direction, sender, receiver, planner, connection.faults(), counters.get(direction),
                Seeds.generator(streamSeed, "slicer"), settings.bufferBytes(), connection, connection.capture());
    }

    @Override
    public DirectionCounters counters(Direction direction) {
        return counters.get(direction);
    }

    @Override
    public TcpFlow capture(InetSocketAddress client) {
        return capture == null ? null : capture.tcpFlow(client, target);
    }

    @Override
    public Iterable<RegisteredFault> faults() {
        return faults;
    }

    public List<FaultHandle> activeFaults() {
        return List.copyOf(faults);
    }

    @Override
    public boolean isCut() {
        return cut || faultCuts.get() > 0;
    }

    /**
     * Keeps the first failure (later ones are suppressed into it) for {@link #close()} to throw, and reports each
     * to the {@link FailureScope} the link was built in, so the test that owns the link fails with it.
     */
    @Override
    public void failed(ProxiedConnection connection, Throwable cause) {
        String component = "TCP link to " + target + " (" + connection + ")";
        if (!failure.compareAndSet(null, new ComponentFailedException(component, cause))) {
            failure.get().addSuppressed(cause);
        }
        if (failureScope != null) {
            failureScope.report(new Lifecycle.ComponentFailed(component, cause));
        }
    }

    @Override
    public void closed(ProxiedConnection connection) {
        connections.remove(connection);
    }

    private DirectionProfiles profiles(Direction direction) {
        return direction == Direction.UPSTREAM ? upstreamProfiles : downstreamProfiles;
    }

    /** The link-wide profile, or under per-connection profiles the one the next accepted connection gets. */
    public LinkProfile profile(Direction direction) {
        return profiles(direction).profileOf(nextConnectionIndex.get());
    }

    public void profile(Direction direction, LinkProfile profile) {
        install(direction, DirectionProfiles.linkWide(profile));
    }

    /**
     * Installs a per-connection choice of profiles. It is asked at once for the next connection's profile, so a
     * selection that gives none fails here, in the caller's thread, rather than later on an event loop.
     */
    public void profiles(Direction direction, ConnectionProfiles selection) {
        DirectionProfiles profiles = DirectionProfiles.perConnection(selection);
        profiles.profileOf(nextConnectionIndex.get());
        install(direction, profiles);
    }

    private void install(Direction direction, DirectionProfiles profiles) {
        Objects.requireNonNull(direction, "direction");
        if (direction == Direction.UPSTREAM) {
            upstreamProfiles = profiles;
        } else {
            downstreamProfiles = profiles;
        }
    }

    /**
     * Registers {@code fault}; {@code direction} null means both directions, or the link for an effect on the link.
     * On a started link it has reached every open connection (or the listener) when this returns, unless called
     * on one of the link's event loops.
     */
    public FaultHandle addFault(Direction direction, ConnectionFault fault, double toxicity) {
        FaultChecks.check(direction, fault, toxicity, faults);
        boolean onLink = fault.effect().scope() == Effect.Scope.LINK;
        if (onLink && fault.effect() instanceof Effect.StallAccepts) {
            requireStalling(fault);
        }
        RegisteredFault registered = new RegisteredFault(nextFaultId.getAndIncrement(), direction, fault, toxicity,
                this::removed);
        if (onLink) {
            // Under the relay's lock: start() either takes the fault with the others or finds it already running.
            synchronized (this) {
                faults.add(registered);
                if (started) {
                    onControlLoop(() -> linkFaults.add(registered));
                }
            }
        } else {
            faults.add(registered);
            connections.forEachOnItsLoop(connection -> connection.faults().apply(registered));
        }
        return registered;
    }

    private void removed(RegisteredFault fault) {
        faults.remove(fault);
        if (fault.onLink()) {
            if (started && !closed) {
                onControlLoop(() -> linkFaults.remove(fault));
            }
        } else {
            connections.forEachOnItsLoop(connection -> connection.faults().remove(fault));
        }
    }

    /** Runs {@code action} on the control loop and, unless on a loop of the link, waits for what it returns. */
    private void onControlLoop(java.util.function.Supplier<Future<Void>> action) {
        EventLoop loop = controlLoop;
        if (loop.inEventLoop()) {
            action.get();
            return;
        }
        if (onOwnEventLoop()) {
            loop.execute(action::get);
            return;
        }
        try {
            Future<Future<Void>> submitted = loop.submit(action::get);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_TIMEOUT_SECONDS);
            if (!submitted.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    || !submitted.getNow().await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("the link's listener did not take a fault within "
                        + CLOSE_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void cut(CutMode mode) {
        Objects.requireNonNull(mode, "mode");
        cut = true;
        connections.forEachOnItsLoop(mode == CutMode.DROP_EXISTING ? ProxiedConnection::cutOff : c -> c.hold(true));
    }

    /** A fault's cut begins or ends; it is separate from {@link #cut(CutMode)} and {@link #heal()}. */
    private void cutByFault(CutMode mode, boolean begins) {
        if (begins) {
            faultCuts.incrementAndGet();
            connections.forEachOnItsLoop(mode == CutMode.DROP_EXISTING ? ProxiedConnection::cutOff : c -> c.hold(true));
        } else if (faultCuts.decrementAndGet() == 0 && !cut) {
            connections.forEachOnItsLoop(connection -> connection.hold(false));
        }
    }

    public void heal() {
        cut = false;
        if (!isCut()) {
            connections.forEachOnItsLoop(connection -> connection.hold(false));
        }
    }

    private boolean onOwnEventLoop() {
        EventLoopGroup loops = group;
        if (loops == null) {
            return false;
        }
        for (EventExecutor executor : loops) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The figures now. Called off the link's event loops, it first lets each loop that serves a connection finish
     * what it is doing: a write the kernel has taken (so a peer may already have read it) then counts as
     * delivered, as it does once the loop has run the write's completion.
     */
    public LinkStatistics statistics() {
        if (!onOwnEventLoop()) {
            connections.settle();
        }
        return new LinkStatistics(counters.get(Direction.UPSTREAM).snapshot(),
                counters.get(Direction.DOWNSTREAM).snapshot());
    }

    public long retransmissionStalls(Direction direction) {
        return stalls.get(direction).sum();
    }

    public int openConnections() {
        return connections.size();
    }

    /** Waits until no connection is open or {@code deadlineNanos} passes; true if none is. */
    public boolean awaitNoOpenConnections(long deadlineNanos) throws InterruptedException {
        return connections.awaitEmpty(deadlineNanos);
    }

    /** The event loops in use (null before start); for tests of the clean-up. */
    public EventLoopGroup eventLoops() {
        return group;
    }

    /**
     * Stops listening, closes every connection and, if the relay made its own event loops, shuts them down.
     * Blocks until done; fails with {@link IllegalStateException} after {@value #CLOSE_TIMEOUT_SECONDS} s, and
     * throws a {@link ComponentFailedException} if relaying failed for a reason other than the network.
     */
    public synchronized void close() throws InterruptedException {
        closed = true;
        for (RegisteredFault fault : faults) {
            fault.deactivate();
        }
        faults.clear();
        if (targetProbe != null) {
            targetProbe.close();
        }
        if (listener != null) {
            listener.close();
        }
        for (ProxiedConnection connection : connections) {
            try {
                connection.execute(connection::close);
            } catch (RejectedExecutionException groupAlreadyShutDown) {
                // a supplied group was shut down first; shutting down closed the connection's channels
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_TIMEOUT_SECONDS);
        for (ProxiedConnection connection : connections) {
            if (!connection.awaitClosed(deadline)) {
                throw new IllegalStateException(connection + " did not close within " + CLOSE_TIMEOUT_SECONDS + " s");
            }
        }
        awaitTasksBefore(deadline);
        shutDownOwnGroup();
        closeCapture();
        checkNothingInFlight();
        ComponentFailedException failed = failure.getAndSet(null);
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Waits until every event loop has run what was queued before now: Netty fails a closed channel's pending
     * writes (whose bytes then count as dropped) just after its close future completes, in the same task.
     */
    private void awaitTasksBefore(long deadlineNanos) throws InterruptedException {
        if (group == null || suppliedGroup == null) {
            return; // an own group is shut down next, which runs every queued task first
        }
        // All loops at once: each wakes and runs its queue in parallel, rather than one after the other.
        List<Future<?>> drained = new ArrayList<>();
        for (EventExecutor executor : group) {
            drained.add(executor.submit(() -> { }));
        }
        for (Future<?> queue : drained) {
            if (!queue.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("an event loop of " + group + " did not run a task within "
                        + CLOSE_TIMEOUT_SECONDS + " s");
            }
        }
    }

    /** Once closed, every byte read was delivered or counted as dropped (see {@link DirectionCounters}). */
    private void checkNothingInFlight() {
        for (Direction direction : Direction.values()) {
            counters.get(direction).requireNothingInFlight("TCP link to " + target + ", "
                    + direction.name().toLowerCase(Locale.ROOT));
        }
    }

    /** Flushes and closes the capture file; a write failure during the run surfaces here. */
    private void closeCapture() {
        if (capture != null) {
            capture.close();
        }
    }

    private void shutDownOwnGroup() throws InterruptedException {
        if (group != null && suppliedGroup == null) {
            if (!group.shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .await(CLOSE_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS)) {
                throw new IllegalStateException("event loops did not stop within " + CLOSE_TIMEOUT_SECONDS + " s");
            }
        }
    }
}
