package io.netharness.toxiproxy.internal;

import io.netharness.simulator.Seeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The proxies of one server by name, with Toxiproxy's collection rules: unique names (409), a proxy that fails
 * to start is not added, {@code reset} re-enables every proxy and removes every toxic, and {@code populate}
 * validates its whole batch before it changes anything.
 *
 * <p>Thread-safe; operations on the collection are serialised by the registry's lock.
 */
public final class ProxyRegistry implements AutoCloseable {

    // Sorted by name: Go's JSON encoder writes map keys in order, so clients see the same order as Toxiproxy's.
    private final Map<String, ManagedProxy> proxies = new TreeMap<>();
    private final LinkEngine engine;
    private boolean closed;

    public ProxyRegistry(LinkEngine engine) {
        this.engine = engine;
    }

    /** Creates a proxy and, if the config says enabled, starts it; 409 if the name is taken. */
    public synchronized ManagedProxy create(ProxyConfig config) {
        ensureOpen();
        if (proxies.containsKey(config.name())) {
            throw ApiError.proxyAlreadyExists();
        }
        ManagedProxy proxy = newProxy(config);
        proxies.put(config.name(), proxy);
        return proxy;
    }

    /** The proxy of that name; 404 if there is none. */
    public synchronized ManagedProxy get(String name) {
        ManagedProxy proxy = proxies.get(name);
        if (proxy == null) {
            throw ApiError.proxyNotFound();
        }
        return proxy;
    }

    /** Stops and removes a proxy; its port is free when this returns. */
    public synchronized void delete(String name) {
        get(name).stop();
        proxies.remove(name);
    }

    public synchronized List<ManagedProxy> all() {
        return new ArrayList<>(proxies.values());
    }

    /** Toxiproxy's {@code POST /reset}: every proxy enabled again, every toxic removed. */
    public synchronized void reset() {
        for (ManagedProxy proxy : proxies.values()) {
            proxy.start();
            proxy.resetToxics();
        }
    }

    /**
     * Toxiproxy's {@code POST /populate}: creates or replaces many proxies. A proxy whose listen and upstream are
     * unchanged is kept as it is (with its toxics); one that differs is stopped and replaced.
     */
    public synchronized List<ManagedProxy> populate(List<ProxyConfig> configs) {
        ensureOpen();
        Set<String> names = new HashSet<>();
        for (ProxyConfig config : configs) {
            if (!names.add(config.name())) {
                throw ApiError.badRequestBody("duplicate proxy name \"" + config.name() + "\"");
            }
        }
        List<ManagedProxy> result = new ArrayList<>();
        for (ProxyConfig config : configs) {
            ManagedProxy existing = proxies.get(config.name());
            if (existing != null) {
                ManagedProxy.ProxyView view = existing.view();
                if (sameAddresses(view, config)) {
                    result.add(existing);
                    continue;
                }
                existing.stop();
                proxies.remove(config.name());
            }
            try {
                ManagedProxy proxy = newProxy(config);
                proxies.put(config.name(), proxy);
                result.add(proxy);
            } catch (ApiError e) {
                // As Toxiproxy: stop at the first proxy that cannot start; those before it stay.
                throw new PopulateFailure(e, result);
            }
        }
        return result;
    }

    /** A {@code populate} that stopped at a proxy which could not start; carries the proxies already made. */
    public static final class PopulateFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient List<ManagedProxy> created;

        PopulateFailure(ApiError cause, List<ManagedProxy> created) {
            super(cause.getMessage(), cause);
            this.created = List.copyOf(created);
        }

        public ApiError error() {
            return (ApiError) getCause();
        }

        public List<ManagedProxy> created() {
            return created;
        }
    }

    /** Stops every proxy; further creates are refused. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        RuntimeException failure = null;
        for (ManagedProxy proxy : proxies.values()) {
            try {
                proxy.stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        proxies.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private ManagedProxy newProxy(ProxyConfig config) {
        long seed = config.seed() != null ? config.seed() : Seeds.random();
        ManagedProxy proxy = new ManagedProxy(config, seed, engine);
        if (config.enabled()) {
            proxy.start();
        }
        return proxy;
    }

    private static boolean sameAddresses(ManagedProxy.ProxyView view, ProxyConfig config) {
        String listen = config.listen().isEmpty() ? "127.0.0.1:0" : config.listen();
        return view.listen().equals(listen) && view.upstream().equals(config.upstream())
                && view.protocol() == config.protocol();
    }

    private void ensureOpen() {
        if (closed) {
            throw new ApiError(ApiError.INTERNAL, "server is closed");
        }
    }
}
