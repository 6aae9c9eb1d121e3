package io.netharness.benchmarks.lineup;

import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.ServeProcess;
import io.netharness.benchmarks.hop.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The standalone proxy processes every measurement of a run shares, started on first use and kept until
 * {@link #close()}: {@code serve} with its API (each measurement creates its proxies there and deletes them at its
 * end, as a user's tests do with a long-running Toxiproxy) and a JVM running NetCrusher hops on request
 * ({@link HopHost}). A JVM shutdown hook stops them if the run ends without closing them.
 */
public final class SharedProxies {

    private static ServeProcess serve;
    private static HopHost crusherHost;
    private static int proxies;
    private static boolean hooked;

    private SharedProxies() {
    }

    /** Where the shared serve's API listens, as {@code host:port}. */
    public static synchronized String serveApi() {
        return serve().api().getAuthority();
    }

    private static ServeProcess serve() {
        if (serve == null) {
            hook();
            try {
                serve = ServeProcess.start(List.of("--port", "0", "--stats-interval", "0"));
                serve.awaitApi();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while serve started", e);
            }
        }
        return serve;
    }

    /** A proxy created through the shared serve's API in front of {@code target}; closing it deletes it. */
    static synchronized Hop apiProxy(boolean udp, InetSocketAddress target) {
        try {
            ServeProcess owner = serve();
            String name = "hop-" + proxies++;
            InetSocketAddress address = owner.createProxy(name, target, udp);
            return new Hop() {
                private boolean deleted;

                @Override
                public InetSocketAddress address() {
                    return address;
                }

                @Override
                public void close() {
                    synchronized (SharedProxies.class) {
                        if (!deleted && owner == serve) {
                            deleted = true;
                            try {
                                owner.deleteProxy(name);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a proxy on serve", e);
        }
    }

    /** A NetCrusher hop in the shared NetCrusher JVM in front of {@code target}; closing it closes the hop there. */
    static synchronized Hop netCrusher(boolean udp, InetSocketAddress target) {
        if (crusherHost == null) {
            hook();
            crusherHost = new HopHost();
        }
        return crusherHost.open(Variant.NETCRUSHER, udp, target);
    }

    /** Stops the shared processes (the next request starts them again); idempotent. */
    public static synchronized void close() {
        try {
            if (crusherHost != null) {
                crusherHost.close();
            }
        } finally {
            crusherHost = null;
            ServeProcess stopping = serve;
            serve = null;
            if (stopping != null) {
                try {
                    stopping.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void hook() {
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(SharedProxies::close, "shared-proxies-stop"));
        }
    }
}
