package io.netharness.toxiproxy.internal;

import io.netharness.core.Format;
import io.netharness.simulator.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The proxies of one server by name, with Toxiproxy's collection rules: unique names (409), a proxy that fails
 * to start is not added, {@code reset} re-enables every proxy and removes every toxic, and {@code populate}
 * checks its whole batch's fields before it changes anything, then adds or replaces proxy by proxy.
 *
 * <p>The extension {@code toxics} of a proxy is parsed before the proxy is made (for {@code populate}, for the
 * whole batch), so a bad toxic changes nothing; the toxics are in force before the proxy accepts a connection.
 *
 * <p>Two hardenings over Toxiproxy: a proxy created disabled has its listen address checked as if it started (so
 * no unusable proxy gets in), and {@code reset} goes on past a proxy that cannot start (reporting the first
 * failure) instead of leaving the proxies after it untouched.
 *
 * <p>Thread-safe; operations on the collection are serialised by the registry's lock.
 */
public final class ProxyRegistry implements AutoCloseable {

    // Sorted by name: Go's JSON encoder writes map keys in order, so clients see the same order as Toxiproxy's.
    private final Map<String, ManagedProxy> proxies = new TreeMap<>();
    private final LinkEngine engine;
    private final Validation validation;
    private final Long serverSeed;
    private boolean closed;

    public ProxyRegistry(LinkEngine engine) {
        this(engine, Validation.TOXIPROXY, null);
    }

    /**
     * @param serverSeed if not null, a proxy created without a seed gets one derived from it and its name (as
     *                   Toxiproxy's {@code -seed} makes its toxics' randomness repeatable); else a random one
     */
    public ProxyRegistry(LinkEngine engine, Validation validation, Long serverSeed) {
        this.engine = engine;
        this.validation = validation;
        this.serverSeed = serverSeed;
    }

    /** Creates a proxy and, if the config says enabled, starts it; 409 if the name is taken. */
    public synchronized ManagedProxy create(ProxyConfig config) {
        ensureOpen();
        if (proxies.containsKey(config.name())) {
            throw ApiError.proxyAlreadyExists();
        }
        ManagedProxy proxy = newProxy(config, InitialToxics.parse(config, validation, ""));
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

    /**
     * Toxiproxy's {@code POST /reset}: every proxy enabled again, every toxic removed. Unlike Toxiproxy it goes on
     * past a proxy that cannot start, then reports the first such failure.
     */
    public synchronized void reset() {
        ApiError failure = null;
        for (ManagedProxy proxy : proxies.values()) {
            try {
                proxy.start();
            } catch (ApiError e) {
                failure = failure == null ? e : failure;
            }
            proxy.resetToxics();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Toxiproxy's {@code POST /populate}: adds or replaces proxies one after the other. A proxy whose listen address
     * (resolved) and upstream are unchanged is kept as it is, with its toxics; one that differs is stopped and
     * replaced (a later entry of the same name replaces an earlier one, as in Toxiproxy). The first proxy that
     * cannot start ends the batch; those before it stay.
     */
    public synchronized List<ManagedProxy> populate(List<ProxyConfig> configs) {
        ensureOpen();
        // The toxics extension is checked for the whole batch first, as Toxiproxy checks the fields.
        List<List<Toxic>> toxics = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            toxics.add(InitialToxics.parse(configs.get(i), validation, " at proxy " + (i + 1)));
        }
        List<ManagedProxy> result = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            ProxyConfig config = configs.get(i);
            try {
                ManagedProxy existing = proxies.get(config.name());
                if (existing != null) {
                    if (!differs(existing, config)) {
                        if (!toxics.get(i).isEmpty()) {
                            existing.replaceToxics(toxics.get(i)); // the extension: the entry's toxics, and only those
                        }
                        result.add(existing);
                        continue;
                    }
                    existing.stop(); // stays in the collection, stopped, if its replacement cannot start
                }
                ManagedProxy proxy = newProxy(config, toxics.get(i));
                proxies.put(config.name(), proxy);
                result.add(proxy);
            } catch (ApiError e) {
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

    private ManagedProxy newProxy(ProxyConfig config, List<Toxic> toxics) {
        long seed = config.seed() != null ? config.seed()
                : serverSeed != null ? Seeds.derive(serverSeed, "proxy/" + config.name()) : Seeds.random();
        ManagedProxy proxy = new ManagedProxy(config, seed, engine, validation, toxics);
        if (config.enabled()) {
            proxy.start();
        } else {
            proxy.validate();
        }
        return proxy;
    }

    /** Toxiproxy's {@code Proxy.Differs}: the new listen address resolved, compared with the one bound, and the upstream. */
    private boolean differs(ManagedProxy existing, ProxyConfig config) {
        ManagedProxy.ProxyView view = existing.view();
        String listen;
        if (config.listen().isEmpty()) {
            listen = ":0";
        } else {
            try {
                listen = Format.address(GoAddresses.goListen(config.listen()));
            } catch (GoAddresses.GoAddressError e) {
                throw validation.strict() ? ApiError.badRequestBody("listen: " + e.getMessage())
                        : new ApiError(ApiError.INTERNAL, e.getMessage(), e);
            }
        }
        return !listen.equals(view.listen()) || !config.upstream().equals(view.upstream())
                || config.protocol() != view.protocol()
                || config.refuseWhileUpstreamRefuses() != view.refuseWhileUpstreamRefuses(); // an extension
    }

    private void ensureOpen() {
        if (closed) {
            throw new ApiError(ApiError.INTERNAL, "server is closed");
        }
    }
}
