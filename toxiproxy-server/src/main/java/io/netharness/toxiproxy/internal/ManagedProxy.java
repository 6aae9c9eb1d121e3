package io.netharness.toxiproxy.internal;

import io.netharness.toxiproxy.internal.LinkEngine.LinkRequest;
import io.netharness.toxiproxy.internal.LinkEngine.RunningLink;
import io.netharness.simulator.LinkStatistics;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One proxy of the API: its configuration, its toxics and, while enabled, the running link that carries its
 * traffic. Behaves like Toxiproxy's proxy: once started, {@code listen} shows the address actually bound and
 * keeps it when the proxy is disabled, so enabling it again listens on the same port.
 *
 * <p>Thread-safe: every method holds the proxy's lock, so toxic changes and restarts never interleave.
 */
public final class ManagedProxy {

    private final String name;
    private final Protocol protocol;
    private final long seed;
    private final LinkEngine engine;
    private final List<Toxic> toxics = new ArrayList<>();
    private String listen;
    private String upstream;
    private RunningLink link;

    ManagedProxy(ProxyConfig config, long seed, LinkEngine engine) {
        this.name = config.name();
        this.protocol = config.protocol();
        this.seed = seed;
        this.engine = engine;
        this.listen = config.listen().isEmpty() ? "127.0.0.1:0" : config.listen();
        this.upstream = config.upstream();
    }

    public String name() {
        return name;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** Starts listening; does nothing if already enabled. */
    public synchronized void start() {
        if (link != null) {
            return;
        }
        InetSocketAddress listenAddress = address("listen", listen);
        InetSocketAddress upstreamAddress = address("upstream", upstream);
        try {
            link = engine.open(new LinkRequest(name, protocol, listenAddress, upstreamAddress, seed, toxics));
        } catch (BindException e) {
            // Toxiproxy answers 500 with Go's message; we keep the message and say 409, since the fault is the
            // client's choice of address, not the server's.
            throw new ApiError(ApiError.CONFLICT, "listen " + protocol.jsonName() + " " + listen + ": bind: "
                    + "address already in use", e);
        }
        listen = Addresses.format(link.address());
    }

    /** Stops listening and drops the proxy's connections; does nothing if already disabled. */
    public synchronized void stop() {
        if (link != null) {
            RunningLink running = link;
            link = null;
            running.close();
        }
    }

    public synchronized boolean enabled() {
        return link != null;
    }

    /** Toxiproxy's update: a new listen or upstream restarts the proxy; then the enabled flag is applied. */
    public synchronized void update(String newListen, String newUpstream, boolean enable) {
        if (!newListen.equals(listen) || !newUpstream.equals(upstream)) {
            address("listen", newListen);
            Addresses.parseUnresolved("upstream", newUpstream);
            boolean wasEnabled = enabled();
            stop();
            listen = newListen;
            upstream = newUpstream;
            if (wasEnabled && enable) {
                start();
                return;
            }
        }
        if (enable) {
            start();
        } else {
            stop();
        }
    }

    public synchronized Toxic addToxic(String body) {
        Toxic toxic = ToxicParser.create(body, protocol, this::hasToxic);
        List<Toxic> before = List.copyOf(toxics);
        toxics.add(toxic);
        applyOrRollBack(before);
        return toxic;
    }

    public synchronized Toxic updateToxic(String toxicName, String body) {
        int index = indexOf(toxicName);
        Toxic updated = ToxicParser.update(toxics.get(index), body, protocol);
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

    /** Removes every toxic, as {@code POST /reset} does. */
    public synchronized void resetToxics() {
        toxics.clear();
        applyToxics();
    }

    /** A consistent snapshot for JSON; toxics listed upstream first, as Toxiproxy orders its chains. */
    public synchronized ProxyView view() {
        List<Toxic> ordered = new ArrayList<>(toxics);
        ordered.sort(Comparator.comparing(Toxic::stream));
        return new ProxyView(name, listen, upstream, link != null, protocol, seed, ordered);
    }

    /** The running link's statistics as one line, or {@code disabled}. */
    public synchronized String statisticsLine() {
        return link == null ? "disabled" : StatisticsLine.format(link.statistics());
    }

    /** What crossed the running link since it was (re-)enabled; empty while disabled. */
    public synchronized Optional<LinkStatistics> statistics() {
        return link == null ? Optional.empty() : Optional.of(link.statistics());
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

    private InetSocketAddress address(String field, String text) {
        try {
            return "listen".equals(field) ? Addresses.parse(field, text) : Addresses.parseUnresolved(field, text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequestBody(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ManagedProxy{" + name + " " + listen + " -> " + upstream + (enabled() ? "" : " disabled") + "}";
    }

    /** An immutable snapshot of a proxy, as the JSON shows it. */
    public record ProxyView(String name, String listen, String upstream, boolean enabled, Protocol protocol,
            long seed, List<Toxic> toxics) {
    }
}
