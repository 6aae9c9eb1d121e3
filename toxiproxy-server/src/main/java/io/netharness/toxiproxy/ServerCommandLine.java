package io.netharness.toxiproxy;

import io.netharness.toxiproxy.internal.ApiError;
import io.netharness.toxiproxy.internal.ApiRouter;
import io.netharness.toxiproxy.internal.ManagedProxy;
import io.netharness.toxiproxy.internal.NetHarnessVersion;
import io.netharness.toxiproxy.internal.ProxyRegistry;
import io.netharness.toxiproxy.internal.SimulatorLinkEngine;
import io.netharness.toxiproxy.internal.Validation;
import io.netharness.toxiproxy.internal.cli.LinkFlag;
import io.netharness.toxiproxy.internal.cli.ServeOptions;
import io.netharness.toxiproxy.internal.cli.UsageException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code serve} command: runs a {@link ToxiproxyServer} from the command line (admin API on
 * {@code 127.0.0.1:8474} unless told otherwise), optionally with links started from flags, and prints live
 * statistics. {@code java -jar netharness.jar serve --help} lists the flags.
 *
 * <pre>{@code
 * serve --port 8474 --link 'redis=127.0.0.1:26379->127.0.0.1:6379' --latency down:20ms --bandwidth 1MB/s
 * }</pre>
 *
 * <p>{@link #main} blocks until the JVM is asked to stop (Ctrl-C); {@link #start} returns a handle, for tests
 * and embedding.
 */
public final class ServerCommandLine {

    /** Exit code for a command line that cannot be run. */
    public static final int USAGE_ERROR = 2;

    private ServerCommandLine() {
    }

    public static void main(String... args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Parses, starts, and blocks until the JVM shuts down (or the thread is interrupted); returns the exit code.
     * Usage errors are printed to {@code err} with exit code {@link #USAGE_ERROR}.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Running running;
        try {
            running = start(args, out, err);
        } catch (UsageException e) {
            err.println("serve: " + e.getMessage());
            return USAGE_ERROR;
        } catch (RuntimeException e) {
            // One line that says what failed; a stack trace helps no one who typed a command.
            err.println("serve: " + e.getMessage());
            return 1;
        }
        if (running == null) {
            return 0; // --help, --version
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "netharness-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            running.close();
        }
        return 0;
    }

    /** As {@link #start(String[], PrintStream, PrintStream)}, with problems of a {@code --config} file sent to out. */
    public static Running start(String[] args, PrintStream out) {
        return start(args, out, out);
    }

    /**
     * Parses and starts; returns null after printing the usage for {@code --help} or the version for
     * {@code --version}. A {@code --config} file that cannot be read or populated is reported to {@code err} in
     * one line and the server runs on, as Toxiproxy's does.
     *
     * @throws UsageException for a bad command line, or an API address or link that cannot start (address in use…);
     *                        nothing is left running then
     */
    public static Running start(String[] args, PrintStream out, PrintStream err) {
        ServeOptions options = ServeOptions.parse(args);
        if (options.help()) {
            out.println(ServeOptions.USAGE);
            return null;
        }
        if (options.version()) {
            out.println("toxiproxy-server version " + ApiRouter.VERSION + " (NetHarness " + NetHarnessVersion.get()
                    + ")");
            return null;
        }
        Running running = new Running(options, out);
        try {
            if (options.config() != null) {
                running.populate(options.config(), err);
            }
            running.startLinks(options.links());
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        running.startStatistics(options);
        return running;
    }

    /** A started {@code serve}: the API (unless {@code --no-api}), its links and the statistics printer. */
    public static final class Running implements AutoCloseable {

        private final PrintStream out;
        private final ToxiproxyServer server;
        private final SimulatorLinkEngine engine;
        private final ProxyRegistry registry;
        private ScheduledExecutorService statistics;
        private boolean closed;

        private Running(ServeOptions options, PrintStream out) {
            this.out = out;
            if (options.api()) {
                ToxiproxyServer.Builder builder = ToxiproxyServer.builder().host(options.host()).port(options.port())
                        .strict(options.strict()).metrics(options.proxyMetrics(), options.runtimeMetrics());
                if (options.seed() != null) {
                    builder.seed(options.seed());
                }
                try {
                    server = builder.build().start();
                } catch (RuntimeException e) {
                    throw new UsageException("cannot listen on " + options.host() + ":" + options.port() + ": "
                            + bindProblem(e));
                }
                engine = null;
                registry = server.registry();
                out.println("Toxiproxy-compatible API (Toxiproxy " + ApiRouter.VERSION + ", NetHarness "
                        + NetHarnessVersion.get() + ") listening on " + server.uri()
                        + (options.strict() ? " (strict validation)" : ""));
            } else {
                server = null;
                engine = new SimulatorLinkEngine();
                engine.warmUp();
                registry = new ProxyRegistry(engine, options.strict() ? Validation.STRICT : Validation.TOXIPROXY,
                        options.seed());
            }
        }

        /** The cause of a failed bind in a few words: Netty's messages differ by transport. */
        private static String bindProblem(RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (message.contains("address already in use")) {
                    return "address already in use";
                }
                if (message.contains("cannot assign requested address")) {
                    return "cannot assign requested address (not an address of this machine)";
                }
                if (message.contains("permission denied")) {
                    return "permission denied";
                }
                if (cause instanceof java.nio.channels.UnresolvedAddressException) {
                    return "unknown host";
                }
            }
            return String.valueOf(e.getMessage());
        }

        /** Toxiproxy's {@code -config}: the file's proxies (a populate body) created now; problems in one line. */
        private void populate(String file, PrintStream err) {
            String body;
            try {
                body = java.nio.file.Files.readString(java.nio.file.Path.of(file));
            } catch (java.io.IOException | RuntimeException e) {
                err.println("serve: --config " + file + ": cannot read it (" + e + "); no proxies populated");
                return;
            }
            try {
                List<ManagedProxy> proxies = registry.populate(ApiRouter.populateConfigs(body));
                out.println("populated " + proxies.size() + " proxies from " + file);
            } catch (ApiError e) {
                err.println("serve: --config " + file + ": " + e.getMessage() + "; no proxies populated");
            } catch (ProxyRegistry.PopulateFailure e) {
                err.println("serve: --config " + file + ": " + e.getMessage() + "; populated the "
                        + e.created().size() + " proxies before it");
            }
        }

        private void startLinks(List<LinkFlag> links) {
            for (LinkFlag link : links) {
                try {
                    ManagedProxy proxy = registry.create(link.proxyConfig()); // toxics in force from the start
                    ManagedProxy.ProxyView view = proxy.view();
                    out.println("link " + view.name() + ": " + view.listen() + " -> " + view.upstream() + " ("
                            + view.protocol().jsonName() + ", seed " + view.seed() + ", "
                            + view.toxics().size() + " toxics)");
                } catch (ApiError e) {
                    throw new UsageException("--link " + link.name() + ": " + e.getMessage());
                }
            }
        }

        private void startStatistics(ServeOptions options) {
            long millis = options.statsInterval().toMillis();
            if (millis <= 0) {
                return;
            }
            statistics = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "netharness-serve-stats");
                thread.setDaemon(true);
                return thread;
            });
            statistics.scheduleAtFixedRate(this::printStatistics, millis, millis, TimeUnit.MILLISECONDS);
        }

        /** Prints one line per proxy: bytes in and out per direction, drops and median delay. */
        public void printStatistics() {
            for (ManagedProxy proxy : registry.all()) {
                out.println("[stats] " + proxy.name() + ": " + proxy.statisticsLine());
            }
        }

        /** Where the admin API listens, unless started with {@code --no-api}. */
        public Optional<InetSocketAddress> apiAddress() {
            return Optional.ofNullable(server).map(ToxiproxyServer::address);
        }

        /** The address a link listens on, as {@code host:port}; empty if there is no such link. */
        public Optional<String> linkAddress(String name) {
            return registry.all().stream().filter(proxy -> proxy.name().equals(name)).findFirst()
                    .map(proxy -> proxy.view().listen());
        }

        /** Stops statistics, links and API; idempotent. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (statistics != null) {
                statistics.shutdownNow();
            }
            if (server != null) {
                server.close();
            } else {
                try {
                    registry.close();
                } finally {
                    engine.close();
                }
            }
        }

        @Override
        public String toString() {
            return "ServerCommandLine.Running{" + (server != null ? server : "no api, " + registry.all().size() + " links")
                    + "}";
        }
    }
}
