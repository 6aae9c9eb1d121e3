package io.netharness.toxiproxy.internal;

import io.netharness.core.Format;
import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.LinkStatistics;
import io.netharness.toxiproxy.internal.LinkEngine.LinkRequest;
import io.netharness.toxiproxy.internal.LinkEngine.RunningLink;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One proxy of the API: its configuration, its toxics and, while enabled, the running link that carries its
 * traffic. Behaves like Toxiproxy's proxy: {@code listen} shows the address as written until the proxy first
 * listens, then the address actually bound, which it keeps when disabled, so enabling it again listens on the same
 * port; an update restarts it only if the listen address, resolved, or the upstream differs.
 *
 * <p>Thread-safe: every method holds the proxy's lock, so toxic changes and restarts never interleave.
 */
public final class ManagedProxy {

    /** Where the connections of a proxy whose upstream is no {@code host:port} go: nowhere, refused at once. */
    private static final InetSocketAddress NO_UPSTREAM = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final String name;
    private final ProxyProtocol protocol;
    private final long seed;
    private final LinkEngine engine;
    private final Validation validation;
    private final List<Toxic> toxics = new ArrayList<>();
    private final boolean refuseWhileUpstreamRefuses;
    private final long[] retiredBytes = new long[4]; // what links stopped so far carried, for the metrics
    private String listen;
    private String upstream;
    private RunningLink link;

    ManagedProxy(ProxyConfig config, long seed, LinkEngine engine, Validation validation, List<Toxic> toxics) {
        this.toxics.addAll(toxics);
        this.refuseWhileUpstreamRefuses = config.refuseWhileUpstreamRefuses();
        this.name = config.name();
        this.protocol = config.protocol();
        this.seed = seed;
        this.engine = engine;
        this.validation = validation;
        this.listen = config.listen();
        this.upstream = config.upstream();
    }

    public String name() {
        return name;
    }

    public ProxyProtocol protocol() {
        return protocol;
    }

    /**
     * Checks the listen (and, under strict validation, the upstream) address without binding, as {@link #start()}
     * would find it; for proxies created disabled, which Toxiproxy never checks.
     */
    void validate() {
        listenAddress(listen);
        upstreamAddress();
    }

    /** Starts listening; does nothing if already enabled. */
    public synchronized void start() {
        if (link != null) {
            return;
        }
        InetSocketAddress listenAddress = listenAddress(listen);
        InetSocketAddress upstreamAddress = upstreamAddress();
        try {
            link = engine.open(new LinkRequest(name, protocol, listenAddress, upstreamAddress, seed, toxics,
                    refuseWhileUpstreamRefuses));
        } catch (IllegalArgumentException e) {
            // A combination of toxics the simulator refuses (e.g. two framers in one direction); nothing listens.
            throw new ApiError(ApiError.BAD_REQUEST, "bad request body: " + e.getMessage(), e);
        } catch (BindException e) {
            // Toxiproxy answers 500 with Go's message, naming the resolved address; strict says 409: the address is
            // the client's choice, not the server's fault.
            throw new ApiError(validation.strict() ? ApiError.CONFLICT : ApiError.INTERNAL, "listen "
                    + protocol.jsonName() + " " + Format.address(listenAddress) + ": bind: " + bindReason(e), e);
        }
        listen = Format.address(link.address());
    }

    private static String bindReason(BindException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("assign") ? "cannot assign requested address"
                : message.contains("permission") ? "permission denied" : "address already in use";
    }

    /** Stops listening and drops the proxy's connections; does nothing if already disabled. */
    public synchronized void stop() {
        if (link != null) {
            RunningLink running = link;
            link = null;
            retire(running.statistics());
            running.close();
        }
    }

    public synchronized boolean enabled() {
        return link != null;
    }

    /**
     * Toxiproxy's update: if the listen address (resolved) or the upstream differs, the proxy stops and takes them;
     * then it is started or stopped as {@code enable} says. A failed start leaves it disabled with the new addresses.
     */
    public synchronized void update(String newListen, String newUpstream, boolean enable) {
        InetSocketAddress resolved;
        try {
            resolved = newListen.isEmpty() ? defaultListen() : validation.strict()
                    ? listenAddress(newListen) : GoAddresses.goListen(newListen);
        } catch (GoAddresses.GoAddressError e) {
            throw new ApiError(ApiError.INTERNAL, e.getMessage(), e);
        }
        if (!Format.address(resolved).equals(listen) || !newUpstream.equals(upstream)) {
            String oldUpstream = upstream;
            upstream = newUpstream;
            try {
                upstreamAddress();
            } catch (ApiError e) {
                upstream = oldUpstream;
                throw e;
            }
            stop();
            listen = newListen;
        }
        if (enable) {
            start();
        } else {
            stop();
        }
    }

    public synchronized Toxic addToxic(String body) {
        Toxic toxic = ToxicParser.create(body, protocol, this::hasToxic, validation);
        List<Toxic> before = List.copyOf(toxics);
        toxics.add(toxic);
        applyOrRollBack(before);
        return toxic;
    }

    public synchronized Toxic updateToxic(String toxicName, String body) {
        int index = indexOf(toxicName);
        Toxic updated = ToxicParser.update(toxics.get(index), body, protocol, validation);
        List<Toxic> before = List.copyOf(toxics);
        toxics.set(index, updated);
        applyOrRollBack(before);
        return updated;
    }

    /** Applies the toxics; if the model refuses them, restores {@code before} and answers 400 with its reason. */
    private void applyOrRollBack(List<Toxic> before) {
        try {
            applyToxics();
        } catch (IllegalArgumentException e) {
            toxics.clear();
            toxics.addAll(before);
            applyToxics();
            throw new ApiError(ApiError.BAD_REQUEST, "bad request body: " + e.getMessage(), e);
        }
    }

    public synchronized void removeToxic(String toxicName) {
        toxics.remove(indexOf(toxicName));
        applyToxics();
    }

    public synchronized Toxic toxic(String toxicName) {
        return toxics.get(indexOf(toxicName));
    }

    /** Replaces every toxic by {@code replacement} at once (a populate entry with the {@code toxics} extension). */
    public synchronized void replaceToxics(List<Toxic> replacement) {
        List<Toxic> before = List.copyOf(toxics);
        toxics.clear();
        toxics.addAll(replacement);
        applyOrRollBack(before);
    }

    /** Removes every toxic, as {@code POST /reset} does. */
    public synchronized void resetToxics() {
        toxics.clear();
        applyToxics();
    }

    /** A consistent snapshot for JSON; toxics listed upstream first, as Toxiproxy orders its chains. */
    public synchronized ProxyView view() {
        List<Toxic> ordered = new ArrayList<>(toxics);
        ordered.sort(Comparator.comparing(Toxic::stream));
        return new ProxyView(name, listen, upstream, link != null, protocol, seed, ordered,
                refuseWhileUpstreamRefuses);
    }

    /** The running link's statistics as one line, or {@code disabled}. */
    public synchronized String statisticsLine() {
        return link == null ? "disabled" : StatisticsLine.format(link.statistics());
    }

    /** What crossed the running link since it was (re-)enabled; empty while disabled. */
    public synchronized Optional<LinkStatistics> statistics() {
        return link == null ? Optional.empty() : Optional.of(link.statistics());
    }

    /**
     * Bytes the proxy received and sent per direction since it was created, across restarts (for Toxiproxy's
     * {@code toxiproxy_proxy_received_bytes_total} and {@code _sent_bytes_total}): upstream received, upstream
     * sent, downstream received, downstream sent.
     */
    public synchronized long[] byteTotals() {
        long[] totals = retiredBytes.clone();
        if (link != null) {
            add(totals, link.statistics());
        }
        return totals;
    }

    private void retire(LinkStatistics statistics) {
        add(retiredBytes, statistics);
    }

    private static void add(long[] totals, LinkStatistics statistics) {
        DirectionStatistics up = statistics.upstream();
        DirectionStatistics down = statistics.downstream();
        totals[0] += up.bytesIn();
        totals[1] += up.bytesDelivered();
        totals[2] += down.bytesIn();
        totals[3] += down.bytesDelivered();
    }

    private boolean hasToxic(String toxicName) {
        return toxics.stream().anyMatch(toxic -> toxic.name().equals(toxicName));
    }

    private int indexOf(String toxicName) {
        for (int i = 0; i < toxics.size(); i++) {
            if (toxics.get(i).name().equals(toxicName)) {
                return i;
            }
        }
        throw ApiError.toxicNotFound();
    }

    private void applyToxics() {
        if (link != null) {
            link.toxics(List.copyOf(toxics));
        }
    }

    /** No listen address: loopback, any port (Toxiproxy would listen on every interface; NetHarness stays local). */
    private static InetSocketAddress defaultListen() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private InetSocketAddress listenAddress(String text) {
        if (text.isEmpty()) {
            return defaultListen();
        }
        if (validation.strict()) {
            try {
                return GoAddresses.parse("listen", text);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequestBody(e.getMessage());
            }
        }
        try {
            return GoAddresses.goListen(text);
        } catch (GoAddresses.GoAddressError e) {
            throw new ApiError(ApiError.INTERNAL, "listen " + protocol.jsonName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The upstream, unresolved, so that (as in Toxiproxy) it is looked up at each connection. Toxiproxy does not
     * check it: one that is no {@code host:port} makes every connection fail to dial. Strict validation refuses it.
     */
    private InetSocketAddress upstreamAddress() {
        try {
            return GoAddresses.parseUnresolved("upstream", upstream);
        } catch (IllegalArgumentException e) {
            if (validation.strict()) {
                throw ApiError.badRequestBody(e.getMessage());
            }
            return NO_UPSTREAM;
        }
    }

    @Override
    public String toString() {
        return "ManagedProxy{" + name + " " + listen + " -> " + upstream + (enabled() ? "" : " disabled") + "}";
    }

    /** An immutable snapshot of a proxy, as the JSON shows it. */
    public record ProxyView(String name, String listen, String upstream, boolean enabled, ProxyProtocol protocol,
            long seed, List<Toxic> toxics, boolean refuseWhileUpstreamRefuses) {
    }
}
