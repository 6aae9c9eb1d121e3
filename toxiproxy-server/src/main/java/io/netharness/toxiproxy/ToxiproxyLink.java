package io.netharness.toxiproxy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.netharness.core.Format;
import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.Direction;
import io.netharness.simulator.FaultHandle;
import io.netharness.simulator.Link;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.toxiproxy.internal.DisabledProxies;
import io.netharness.toxiproxy.internal.FaultToxics;
import io.netharness.toxiproxy.internal.GoAddresses;
import io.netharness.toxiproxy.internal.ToxicFault;
import io.netharness.toxiproxy.internal.ToxiproxyProfiles.ToxicPlan;
import io.netharness.toxiproxy.internal.ToxiproxyProfiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Link} served by a real Toxiproxy server through toxiproxy-java, for topologies that span
 * containers or hosts: the link is a Toxiproxy proxy, its profiles become toxics, {@link #cut} disables the proxy
 * and {@link #heal} enables it.
 *
 * <pre>{@code
 * try (ToxiproxyLink link = ToxiproxyLink.builder().toxiproxy("127.0.0.1", 8474)
 *         .target(new InetSocketAddress("127.0.0.1", 5432)).build().start()) {
 *     link.profile(Direction.DOWNSTREAM, LinkProfile.builder().latency(Latency.of(Duration.ofMillis(50))).build());
 * }
 * }</pre>
 *
 * <p>What Toxiproxy can express: {@link io.netharness.simulator.profile.Latency} with uniform jitter, no correlation, in
 * whole milliseconds; {@link io.netharness.simulator.profile.Bandwidth} (rounded to whole KB/s of 1000 bytes). A profile
 * with loss, duplication, reordering, corruption, an MTU, another delay distribution or correlation is refused
 * with an {@link IllegalArgumentException} that names the field, and the link is left unchanged. What it does
 * not offer, since Toxiproxy cannot: a choice of what a cut does to open connections ({@link #cut()} closes them,
 * as disabling a proxy does) and statistics of what crossed it; it is a {@link Link}, not an
 * {@link io.netharness.simulator.InProcessLink}. Toxiproxy's random jitter is not driven by {@link #seed()}. Connection faults ({@link #addFault}) become Toxiproxy's connection
 * toxics.
 *
 * <p>Thread-safe; each method is one or a few HTTP calls. {@link #close()} deletes the proxy and is idempotent.
 */
public final class ToxiproxyLink implements Link {

    private final String host;
    private final int port;
    private final ToxiproxyClient client;
    private final String name;
    private final String listen;
    private final InetSocketAddress target;
    private final long seed;
    private final Map<Direction, LinkProfile> profiles = new EnumMap<>(Direction.class);
    private final List<ToxicFault> faults = new ArrayList<>();
    private final List<PendingFault> pendingFaults;
    private State state = State.NEW;
    private Proxy proxy;
    private boolean cut;

    private ToxiproxyLink(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.client = new ToxiproxyClient(builder.host, builder.port);
        this.pendingFaults = List.copyOf(builder.faults);
        this.name = builder.name != null ? builder.name : "netharness-" + Long.toUnsignedString(Seeds.random(), 36);
        this.listen = builder.listen;
        this.target = builder.target;
        this.seed = builder.seed != null ? builder.seed : Seeds.random();
        profiles.put(Direction.UPSTREAM, builder.upstream);
        profiles.put(Direction.DOWNSTREAM, builder.downstream);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the proxy on the Toxiproxy server disabled, installs the profiles' toxics and the builder's faults, then
     * enables it, so that every toxic is in force from the first byte of the first connection; idempotent. If a step
     * fails the proxy is deleted again. A link with no toxic to install is created listening, with one request: a
     * user's test pays for each request its link makes.
     */
    @Override
    public synchronized ToxiproxyLink start() {
        if (state == State.CLOSED) {
            throw new IllegalStateException(this + " cannot be restarted after close()");
        }
        if (state == State.STARTED) {
            return this;
        }
        boolean toxics = !pendingFaults.isEmpty() || profiles.values().stream()
                .map(ToxiproxyProfiles::plan).anyMatch(plan -> plan.latency() || plan.bandwidth());
        try {
            if (!toxics) {
                proxy = client.createProxy(name, listen, Format.address(target));
                state = State.STARTED;
                return this;
            }
            DisabledProxies.create(host, port, name, listen, Format.address(target));
            proxy = client.getProxy(name);
        } catch (IOException e) {
            throw new UncheckedIOException("Toxiproxy at " + host + " refused proxy " + name + ": " + e.getMessage(), e);
        }
        state = State.STARTED;
        try {
            for (Direction direction : Direction.values()) {
                addProfileToxics(direction, ToxiproxyProfiles.plan(profiles.get(direction)));
            }
            for (PendingFault fault : pendingFaults) {
                addFault(fault.direction(), fault.fault(), fault.toxicity());
            }
            call(proxy::enable);
            proxy = callFor(() -> client.getProxy(name)); // the listen address is known once it listens
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /**
     * Checks that a Toxiproxy toxic expresses {@code fault} (the classic ones: a reset after a time, a close after
     * some bytes, or on connect a blackhole, slow close, timeout or slicer, in Toxiproxy's units).
     *
     * @throws IllegalArgumentException naming what Toxiproxy cannot express
     */
    public static void checkFault(ConnectionFault fault) {
        FaultToxics.check(Objects.requireNonNull(fault, "fault"));
    }

    /** Where clients connect: the proxy's listen address (a wildcard host is replaced by the API's host). */
    @Override
    public synchronized InetSocketAddress address() {
        requireStarted();
        InetSocketAddress listening = GoAddresses.parseUnresolved("listen", proxy.getListen());
        String listenHost = listening.getHostString();
        boolean wildcard = listenHost.isEmpty() || listenHost.equals("0.0.0.0") || listenHost.equals("::");
        return new InetSocketAddress(wildcard ? host : listenHost, listening.getPort());
    }

    @Override
    public InetSocketAddress target() {
        return target;
    }

    /** The seed reported for this link; Toxiproxy's own randomness (jitter, toxicity) does not use it. */
    @Override
    public long seed() {
        return seed;
    }

    /** The proxy's name on the Toxiproxy server. */
    public String name() {
        return name;
    }

    @Override
    public synchronized LinkProfile profile(Direction direction) {
        return profiles.get(Objects.requireNonNull(direction, "direction"));
    }

    /**
     * Replaces the direction's toxics with those of {@code profile}.
     *
     * @throws IllegalArgumentException if Toxiproxy cannot express the profile (nothing is changed then)
     */
    @Override
    public synchronized void profile(Direction direction, LinkProfile profile) {
        Objects.requireNonNull(direction, "direction");
        ToxiproxyProfiles.plan(profile); // validate before anything changes
        if (state == State.STARTED) {
            install(direction, profile);
        }
        profiles.put(direction, profile);
    }

    /** Disables the proxy: new connections are refused and, as Toxiproxy does, existing ones are closed. */
    @Override
    public synchronized void cut() {
        requireStarted();
        call(proxy::disable);
        cut = true;
    }

    @Override
    public synchronized void heal() {
        requireStarted();
        call(proxy::enable);
        cut = false;
    }

    @Override
    public synchronized boolean isCut() {
        return cut;
    }

    /**
     * Adds {@code fault} in {@code direction}, for every connection, as the Toxiproxy toxic that does the same
     * (reset_peer, slow_close, timeout, limit_data, slicer; a blackhole is a timeout of 0). With a toxicity below
     * 1 ({@link #addFault(Direction, ConnectionFault, double)}) Toxiproxy picks the connections with its own
     * randomness, not {@link #seed()}, and the toxicity is set just after the toxic is created, so a connection
     * opened in between meets it at full toxicity.
     *
     * @return a handle whose {@link FaultHandle#remove()} deletes the toxic
     * @throws IllegalArgumentException if Toxiproxy cannot express the fault (a duration finer than its unit) or
     *     the toxicity is out of range; nothing is changed then
     */
    public FaultHandle addFault(Direction direction, ConnectionFault fault) {
        return addFault(direction, fault, 1.0);
    }

    /** As {@link #addFault(Direction, ConnectionFault)}, on a share {@code toxicity} of the connections. */
    public synchronized FaultHandle addFault(Direction direction, ConnectionFault fault, double toxicity) {
        if (state == State.CLOSED) {
            throw new IllegalStateException(this + " takes no faults after close()");
        }
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(fault, "fault");
        if (!(toxicity >= 0.0 && toxicity <= 1.0)) {
            throw new IllegalArgumentException("toxicity: " + toxicity + " (expected: 0.0-1.0)");
        }
        FaultToxics.check(fault);
        requireStarted();
        String toxicName = toxicName("fault_" + faults.size(), direction);
        eu.rekawek.toxiproxy.model.Toxic toxic = callFor(() -> {
            eu.rekawek.toxiproxy.model.Toxic created =
                    FaultToxics.create(proxy.toxics(), toxicName, stream(direction), fault);
            if (toxicity < 1.0) {
                created.setToxicity((float) toxicity);
            }
            return created;
        });
        ToxicFault handle = new ToxicFault(direction, fault, toxicity, toxic);
        faults.add(handle);
        return handle;
    }

    /** Deletes the proxy; idempotent. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean started = state == State.STARTED;
        state = State.CLOSED;
        if (started) {
            call(proxy::delete);
        }
        faults.forEach(ToxicFault::proxyDeleted);
    }

    /** Replaces the direction's profile toxics (and only those: fault toxics stay) with {@code profile}'s. */
    private void install(Direction direction, LinkProfile profile) {
        String latency = toxicName("latency", direction);
        String bandwidth = toxicName("bandwidth", direction);
        ToxicPlan plan = ToxiproxyProfiles.plan(profile);
        call(() -> {
            for (eu.rekawek.toxiproxy.model.Toxic toxic : proxy.toxics().getAll()) {
                if (toxic.getName().equals(latency) || toxic.getName().equals(bandwidth)) {
                    toxic.remove();
                }
            }
        });
        addProfileToxics(direction, plan);
    }

    /** Adds the toxics of {@code plan} in {@code direction}, named as {@link #install} finds them again. */
    private void addProfileToxics(Direction direction, ToxicPlan plan) {
        call(() -> {
            if (plan.latency()) {
                proxy.toxics().latency(toxicName("latency", direction), stream(direction), plan.latencyMillis())
                        .setJitter(plan.jitterMillis());
            }
            if (plan.bandwidth()) {
                proxy.toxics().bandwidth(toxicName("bandwidth", direction), stream(direction),
                        plan.kilobytesPerSecond());
            }
        });
    }

    /** The name of a toxic this link made: {@code <kind>_netharness_<upstream|downstream>}. */
    private static String toxicName(String kind, Direction direction) {
        return kind + "_netharness_" + direction.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ToxicDirection stream(Direction direction) {
        return direction == Direction.UPSTREAM ? ToxicDirection.UPSTREAM : ToxicDirection.DOWNSTREAM;
    }

    private void requireStarted() {
        if (state != State.STARTED) {
            throw new IllegalStateException(this + " is not started: call start() first");
        }
    }

    private void call(IoAction action) {
        callFor(() -> {
            action.run();
            return null;
        });
    }

    private <T> T callFor(IoCall<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Toxiproxy at " + host + " failed for proxy " + name + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized String toString() {
        switch (state) {
            case NEW:
                return "ToxiproxyLink{new}";
            case STARTED:
                return "ToxiproxyLink{" + name + " " + proxy.getListen() + " -> " + Format.address(target)
                        + (cut ? " cut" : "") + "}";
            default:
                return "ToxiproxyLink{closed}";
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private interface IoCall<T> {
        T run() throws IOException;
    }

    private enum State { NEW, STARTED, CLOSED }

    private record PendingFault(Direction direction, ConnectionFault fault, double toxicity) {}

    /** Configures a {@link ToxiproxyLink}; {@link #build()} makes no call, {@link ToxiproxyLink#start()} does. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port = 8474;
        private String name;
        private String listen = "127.0.0.1:0";
        private InetSocketAddress target;
        private Long seed;
        private LinkProfile upstream = LinkProfile.PERFECT;
        private LinkProfile downstream = LinkProfile.PERFECT;
        private final List<PendingFault> faults = new ArrayList<>();

        private Builder() {
        }

        /**
         * A fault installed as its toxic before the proxy is enabled, so it acts from the first byte (see
         * {@link ToxiproxyLink#addFault(Direction, ConnectionFault, double)}).
         *
         * @throws IllegalArgumentException if Toxiproxy cannot express it or the toxicity is out of range
         */
        public Builder fault(Direction direction, ConnectionFault fault, double toxicity) {
            Objects.requireNonNull(direction, "direction");
            checkFault(fault);
            if (!(toxicity >= 0.0 && toxicity <= 1.0)) {
                throw new IllegalArgumentException("toxicity: " + toxicity + " (expected: 0.0-1.0)");
            }
            faults.add(new PendingFault(direction, fault, toxicity));
            return this;
        }

        /** As {@link #fault(Direction, ConnectionFault, double)} on every connection. */
        public Builder fault(Direction direction, ConnectionFault fault) {
            return fault(direction, fault, 1.0);
        }

        /** Where the Toxiproxy API listens; default {@code 127.0.0.1:8474}. */
        public Builder toxiproxy(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
            }
            this.port = port;
            return this;
        }

        /** The proxy's name on the server; default a random {@code netharness-…} name. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The address the proxy listens on, as the Toxiproxy server sees it; default {@code 127.0.0.1:0}. */
        public Builder listen(String listen) {
            GoAddresses.parseUnresolved("listen", listen);
            this.listen = listen;
            return this;
        }

        /** Where the proxy forwards to, as the Toxiproxy server sees it; required. */
        public Builder target(InetSocketAddress target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder upstream(LinkProfile profile) {
            ToxiproxyProfiles.plan(profile);
            this.upstream = profile;
            return this;
        }

        public Builder downstream(LinkProfile profile) {
            ToxiproxyProfiles.plan(profile);
            this.downstream = profile;
            return this;
        }

        public Builder profile(LinkProfile profile) {
            return upstream(profile).downstream(profile);
        }

        public ToxiproxyLink build() {
            if (target == null) {
                throw new IllegalStateException("ToxiproxyLink needs a target: call target(InetSocketAddress)");
            }
            return new ToxiproxyLink(this);
        }
    }
}
