package io.netharness.toxiproxy.internal;

import io.netharness.simulator.LinkStatistics;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The adapter between the API's proxies and whatever carries their traffic. The production engine builds the
 * simulator's TCP and UDP links; tests of the HTTP layer may use a lighter one.
 *
 * <p>Contract: {@link #open} binds before it returns (so the reported address is real) and throws
 * {@link BindException} when the address is taken; {@link RunningLink#close()} returns only once the listening
 * socket is released, so a deleted proxy's port is free at once. Implementations are thread-safe.
 */
public interface LinkEngine extends AutoCloseable {

    /**
     * Starts a link for the request; the toxics given are in force before it accepts its first connection. A toxic
     * the engine cannot apply throws {@link IllegalArgumentException} and leaves nothing listening.
     */
    RunningLink open(LinkRequest request) throws BindException;

    /**
     * Readies the engine for its first link before anything listens (serve calls it first). Returns true if it did so
     * now (the first time in this JVM), and the server then warms its API through this engine as well
     * ({@link ApiWarmup}: proxies opened and closed before the API listens); false, at once, where there was nothing
     * to do: warm already, warm-ups turned off, or an engine of tests that records what it is asked.
     */
    default boolean warmUp() {
        return false;
    }

    /** Releases what the engine shares between links (event loops); links must be closed first. */
    @Override
    void close();

    /**
     * What a link must do: where it listens, where it forwards, which seed it draws from and which toxics
     * apply.
     */
    record LinkRequest(String name, ProxyProtocol protocol, InetSocketAddress listen, InetSocketAddress upstream,
            long seed, List<Toxic> toxics, boolean refuseWhileUpstreamRefuses) {

        public LinkRequest {
            toxics = List.copyOf(toxics);
        }

        public LinkRequest(String name, ProxyProtocol protocol, InetSocketAddress listen, InetSocketAddress upstream,
                long seed, List<Toxic> toxics) {
            this(name, protocol, listen, upstream, seed, toxics, false);
        }
    }

    /** A started link; owned and closed by the proxy that opened it. */
    interface RunningLink extends AutoCloseable {

        /** The address actually bound (port 0 resolved). */
        InetSocketAddress address();

        /** Replaces the set of toxics in force; connections already open are affected as their model allows. */
        void toxics(List<Toxic> toxics);

        /** What crossed the link since it started. */
        LinkStatistics statistics();

        /** Unbinds and drops the link's connections; returns when the listening socket is released. */
        @Override
        void close();
    }
}
