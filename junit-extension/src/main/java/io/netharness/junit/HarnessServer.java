package io.netharness.junit;

import io.netharness.core.Chunk;
import io.netharness.core.StreamComponent;
import io.netharness.core.tcp.MultiClientServer;
import io.netharness.core.tcp.ProtocolFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An in-process TCP server for tests, on harness-core's {@link MultiClientServer}: an echo, a sink, or one
 * served by the user's {@link ProtocolFactory}. Echo and sink servers record what they received, so tests can
 * assert on it ({@code NetHarnessAssertions.assertThat(server).receivedWithin(...)}).
 *
 * <p>Injected by {@link InProcessServer @InProcessServer}, or built directly:
 * <pre>{@code
 * try (HarnessServer echo = HarnessServer.echo().start()) {
 *     // connect to echo.address()
 * }
 * }</pre>
 *
 * <p>Lifecycle: {@link #start()} binds 127.0.0.1 port 0 and is idempotent; {@link #close()} closes the listener
 * and every connection, waits for them, and is idempotent; no restart. Thread-safe.
 */
public final class HarnessServer implements AutoCloseable {

    private final ServerKind kind;
    private final MultiClientServer server;
    private final List<Chunk> received = new ArrayList<>();
    private long bytesReceived;

    private HarnessServer(ServerKind kind, ProtocolFactory factory) {
        this.kind = kind;
        this.server = new MultiClientServer(factory);
    }

    /** A server that writes back every byte it reads. */
    public static HarnessServer echo() {
        HarnessServer[] self = new HarnessServer[1];
        self[0] = new HarnessServer(ServerKind.ECHO, info -> new Recorder(self[0], true));
        return self[0];
    }

    /** A server that reads and discards everything. */
    public static HarnessServer sink() {
        HarnessServer[] self = new HarnessServer[1];
        self[0] = new HarnessServer(ServerKind.SINK, info -> new Recorder(self[0], false));
        return self[0];
    }

    /** A server whose every connection is served by a handler from {@code factory}; it records nothing. */
    public static HarnessServer of(ProtocolFactory factory) {
        return new HarnessServer(ServerKind.HANDLER, Objects.requireNonNull(factory, "factory"));
    }

    /** Binds 127.0.0.1 on a free port; idempotent. */
    public HarnessServer start() {
        server.start();
        return this;
    }

    /** Where the server listens; only once started. */
    public InetSocketAddress address() {
        return server.localAddress();
    }

    /** The port it listens on; only once started. */
    public int port() {
        return server.port();
    }

    /** What the server does. */
    public ServerKind kind() {
        return kind;
    }

    /** Connections open now. */
    public int connectionCount() {
        return server.connectionCount();
    }

    /** The chunks received so far by an echo or sink server, in arrival order (all connections). */
    public synchronized List<Chunk> received() {
        return List.copyOf(received);
    }

    /** Total bytes received so far by an echo or sink server. */
    public synchronized long bytesReceived() {
        return bytesReceived;
    }

    /** Everything received so far, decoded as UTF-8 (connections interleaved in arrival order). */
    public String receivedUtf8() {
        Chunk all = Chunk.empty();
        for (Chunk chunk : received()) {
            all = all.concat(chunk);
        }
        return all.toUtf8();
    }

    /**
     * Waits until what was received, as UTF-8, satisfies {@code condition}, or {@code timeout} passes.
     *
     * @return whether the condition held in time
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitReceived(Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.test(receivedUtf8())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // Woken by every arrival; the timeout only bounds the wait.
                wait(Math.max(1, left / 1_000_000), 0);
            }
            return true;
        }
    }

    private synchronized void record(Chunk chunk) {
        received.add(chunk);
        bytesReceived += chunk.size();
        notifyAll();
    }

    /** Closes the listener and every connection and waits for them; idempotent. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return server.toString().replaceFirst("^MultiClientServer", "HarnessServer[" + kind + "]");
    }

    /** Records each chunk, then echoes it or drops it. */
    private static final class Recorder extends StreamComponent<Chunk, Chunk> {
        private final HarnessServer owner;
        private final boolean echo;

        Recorder(HarnessServer owner, boolean echo) {
            super(echo ? "echo" : "sink");
            this.owner = owner;
            this.echo = echo;
        }

        @Override
        protected void onMessage(Chunk message, Emitter<Chunk> out) {
            owner.record(message);
            if (echo) {
                out.emit(message);
            }
        }
    }
}
