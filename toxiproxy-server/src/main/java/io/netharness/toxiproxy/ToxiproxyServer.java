package io.netharness.toxiproxy;

import io.netharness.core.Format;
import io.netharness.toxiproxy.internal.ApiRouter;
import io.netharness.toxiproxy.internal.ApiTimeouts;
import io.netharness.toxiproxy.internal.ApiWarmup;
import io.netharness.toxiproxy.internal.HttpApiHandler;
import io.netharness.toxiproxy.internal.LinkEngine;
import io.netharness.toxiproxy.internal.PrometheusMetrics;
import io.netharness.toxiproxy.internal.ProxyRegistry;
import io.netharness.toxiproxy.internal.SimulatorLinkEngine;
import io.netharness.toxiproxy.internal.Validation;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A server that speaks Toxiproxy 2.x's HTTP API, so Toxiproxy clients (toxiproxy-java, the Go client,
 * Testcontainers' Toxiproxy module…) work unchanged, while the proxies it creates are NetHarness simulated
 * links: seeded, and able to carry UDP too.
 *
 * <pre>{@code
 * try (ToxiproxyServer server = ToxiproxyServer.builder().build().start()) {
 *     ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", server.address().getPort());
 *     Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");
 *     proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
 * }
 * }</pre>
 *
 * <p>Contract: the API listens on {@code 127.0.0.1} port 0 unless told otherwise (the command line uses 8474,
 * Toxiproxy's port). {@link #start()} binds before it returns and is idempotent; {@link #close()} stops every
 * proxy, releases all ports and threads, waits for them (failing loudly if they do not stop within 10 s) and is
 * idempotent; a closed server cannot be started again. Thread-safe. The JSON extensions beyond Toxiproxy are
 * described in the package documentation.
 *
 * <p>By default the server answers as Toxiproxy 2.12 does wherever a client could tell (status codes, error texts,
 * headers, values it stores unchecked); {@link Builder#strict(boolean)} adds NetHarness's stricter validation.
 * As Toxiproxy's HTTP server, a connection must send each request within 15 s of its first byte and is closed after
 * 60 s without one.
 */
public final class ToxiproxyServer implements AutoCloseable {

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger(ToxiproxyServer.class.getName());

    private final InetSocketAddress requestedAddress;
    private final Supplier<LinkEngine> engineFactory;
    private final Validation validation;
    private final Long seed;
    private final boolean proxyMetrics;
    private final boolean runtimeMetrics;
    private final Duration readTimeout;
    private final Duration idleTimeout;
    private State state = State.NEW;
    private EventLoopGroup apiLoop;
    private LinkEngine engine;
    private ProxyRegistry registry;
    private Channel apiChannel;
    private ChannelGroup apiConnections;

    private ToxiproxyServer(Builder builder) {
        this.requestedAddress = new InetSocketAddress(builder.host, builder.port);
        this.engineFactory = builder.engineFactory;
        this.validation = builder.strict ? Validation.STRICT : Validation.TOXIPROXY;
        this.seed = builder.seed;
        this.proxyMetrics = builder.proxyMetrics;
        this.runtimeMetrics = builder.runtimeMetrics;
        this.readTimeout = builder.readTimeout;
        this.idleTimeout = builder.idleTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the API address; does nothing if already started.
     *
     * @throws UncheckedIOException if the address cannot be bound (in use, not this machine's); the server is
     *                              closed then
     */
    public synchronized ToxiproxyServer start() {
        if (state == State.STARTED) {
            return this;
        }
        if (state == State.CLOSED) {
            throw new IllegalStateException("ToxiproxyServer cannot be restarted after close()");
        }
        apiLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        apiConnections = new DefaultChannelGroup("toxiproxy-api", apiLoop.next());
        engine = engineFactory.get();
        boolean warmApi = engine.warmUp();
        registry = new ProxyRegistry(engine, validation, seed);
        PrometheusMetrics metrics = new PrometheusMetrics(registry, proxyMetrics, runtimeMetrics);
        HttpApiHandler handler = new HttpApiHandler(new ApiRouter(registry, metrics.enabled() ? metrics : null));
        try {
            if (warmApi) {
                warmApi();
            }
            apiChannel = bindApi(requestedAddress, handler, apiConnections);
        } catch (Exception e) { // Netty rethrows the bind's IOException undeclared
            state = State.CLOSED;
            RuntimeException failure = e instanceof IOException io
                    ? new UncheckedIOException("cannot listen on " + requestedAddress + ": " + io.getMessage(), io)
                    : e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("cannot listen on " + requestedAddress + ": " + e, e);
            releaseQuietly(failure);
            throw failure;
        }
        state = State.STARTED;
        return this;
    }

    /** Binds an API (the server's, or a scratch one) on {@code address}, its connections kept in {@code group}. */
    private Channel bindApi(InetSocketAddress address, HttpApiHandler handler, ChannelGroup group) {
        return new ServerBootstrap()
                .group(apiLoop)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        group.add(channel);
                        ApiTimeouts timeouts = new ApiTimeouts(readTimeout, idleTimeout);
                        channel.pipeline()
                                .addLast(timeouts)
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(1 << 20))
                                .addLast(timeouts.requestWatcher())
                                .addLast(handler);
                    }
                })
                .bind(address).syncUninterruptibly().channel();
    }

    /**
     * Sends {@link ApiWarmup}'s requests to a scratch API (a registry of its own on a loopback port of its own, this
     * server's engine and API event loop), then closes it with every proxy it made. A failure only ends the
     * warm-up: the server starts all the same.
     */
    private void warmApi() {
        ProxyRegistry scratch = new ProxyRegistry(engine, validation, seed);
        ChannelGroup connections = new DefaultChannelGroup("toxiproxy-api-warmup", apiLoop.next());
        try {
            Channel scratchApi = bindApi(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    new HttpApiHandler(new ApiRouter(scratch, null)), connections);
            try {
                ApiWarmup.run((InetSocketAddress) scratchApi.localAddress());
            } finally {
                scratchApi.close().syncUninterruptibly();
                connections.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) { // Netty rethrows a bind's IOException undeclared
            LOG.log(System.Logger.Level.DEBUG, "the API warm-up could not run; first requests pay their own start-up",
                    e);
        } finally {
            scratch.close();
        }
    }

    /** The address the API listens on; only valid once started. */
    public synchronized InetSocketAddress address() {
        if (state != State.STARTED) {
            throw new IllegalStateException("ToxiproxyServer is not started (" + this + ")");
        }
        return (InetSocketAddress) apiChannel.localAddress();
    }

    /** {@code http://host:port} of the API, for HTTP clients. */
    public URI uri() {
        InetSocketAddress address = address();
        return URI.create("http://" + Format.address(address));
    }

    /** The proxies of this server; for the command line's statistics. */
    synchronized ProxyRegistry registry() {
        if (state != State.STARTED) {
            throw new IllegalStateException("ToxiproxyServer is not started (" + this + ")");
        }
        return registry;
    }

    /** Stops every proxy and the API, and waits for their threads; idempotent. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasStarted = state == State.STARTED;
        state = State.CLOSED;
        if (!wasStarted) {
            return;
        }
        apiChannel.close().syncUninterruptibly();
        // Kept-alive client connections go first, so no request reaches the registry while it closes.
        apiConnections.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        RuntimeException failure = null;
        try {
            registry.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        releaseQuietly(failure);
        if (failure != null) {
            throw failure;
        }
    }

    /** Shuts down engine and threads, adding any failure to {@code primary} (or throwing if there is none). */
    private void releaseQuietly(RuntimeException primary) {
        RuntimeException failure = primary;
        try {
            if (engine != null) {
                engine.close();
            }
        } catch (RuntimeException e) {
            failure = addTo(failure, e);
        }
        failure = awaitShutdown(apiLoop, "API event loop", failure);
        if (failure != null && primary == null) {
            throw failure;
        }
    }

    private static RuntimeException awaitShutdown(EventExecutorGroup group, String what, RuntimeException failure) {
        if (group == null) {
            return failure;
        }
        Future<?> termination = group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!termination.awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS)) {
            return addTo(failure, new IllegalStateException(what + " did not stop within "
                    + SHUTDOWN_TIMEOUT_SECONDS + " s"));
        }
        return failure;
    }

    private static RuntimeException addTo(RuntimeException failure, RuntimeException next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }

    @Override
    public synchronized String toString() {
        switch (state) {
            case NEW:
                return "ToxiproxyServer{new}";
            case STARTED:
                return "ToxiproxyServer{" + Format.address(
                        (InetSocketAddress) apiChannel.localAddress()) + ", " + registry.all().size() + " proxies}";
            default:
                return "ToxiproxyServer{closed}";
        }
    }

    private enum State { NEW, STARTED, CLOSED }

    /** Configures a {@link ToxiproxyServer}; {@link #build()} does not bind, {@link ToxiproxyServer#start()} does. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private Supplier<LinkEngine> engineFactory = SimulatorLinkEngine::new;
        private boolean strict;
        private Long seed;
        private boolean proxyMetrics;
        private boolean runtimeMetrics;
        private Duration readTimeout = Duration.ofSeconds(15);
        private Duration idleTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** Host or address the API binds; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port of the API; default 0 (any free port). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
            }
            this.port = port;
            return this;
        }

        /**
         * Adds NetHarness's own validation (default off, as Toxiproxy): attributes in range, upstreams in
         * {@code host:port} form, 400 for a malformed and 409 for a taken listen address.
         */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * The server's seed: a proxy created without one gets a seed derived from it and the proxy's name, so a
         * whole run replays (Toxiproxy's {@code -seed}). Default: each proxy draws a random seed.
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Serves {@code GET /metrics}: per-proxy byte counters and/or runtime figures (Toxiproxy's switches). */
        public Builder metrics(boolean proxyMetrics, boolean runtimeMetrics) {
            this.proxyMetrics = proxyMetrics;
            this.runtimeMetrics = runtimeMetrics;
            return this;
        }

        /** Test hook: the read timeout of a request and the idle timeout of a kept-alive connection. */
        Builder timeouts(Duration read, Duration idle) {
            this.readTimeout = Objects.requireNonNull(read, "read");
            this.idleTimeout = Objects.requireNonNull(idle, "idle");
            return this;
        }

        /** Test hook: the engine that carries the proxies' traffic. */
        Builder engineFactory(Supplier<LinkEngine> engineFactory) {
            this.engineFactory = Objects.requireNonNull(engineFactory, "engineFactory");
            return this;
        }

        public ToxiproxyServer build() {
            return new ToxiproxyServer(this);
        }
    }
}
