package io.netharness.core.servers;

import io.netharness.core.Chunk;
import io.netharness.core.StreamComponent;
import io.netharness.core.tcp.MultiClientServer;
import io.netharness.core.tcp.ProtocolFactory;
import io.netharness.core.udp.Datagram;
import io.netharness.core.udp.MulticastReceiver;
import io.netharness.core.udp.UdpPostboxPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An in-process server for tests: on harness-core's {@link MultiClientServer} for TCP (an echo, a sink, or one
 * served by the user's {@link ProtocolFactory}), on its {@link UdpPostboxPeer} for UDP (an echo that answers each
 * datagram to its sender, or a sink) and on its {@link MulticastReceiver} for a multicast group. Echo and sink
 * servers record what they received, so tests can assert on it ({@link #awaitReceived}, or with the JUnit
 * extension's assertions {@code NetHarnessAssertions.assertThat(server).receivedWithin(...)}).
 *
 * <p>Built directly, or injected by the JUnit extension's {@code @InProcessServer}:
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
    private final UdpPostboxPeer udp;
    private final MulticastReceiver multicast;
    private final StreamComponent<Datagram, Datagram> udpRecorder;
    private final List<Chunk> received = new ArrayList<>();
    private long bytesReceived;

    private HarnessServer(ServerKind kind, ProtocolFactory factory) {
        this.kind = kind;
        this.server = MultiClientServer.builder(factory).build();
        this.udp = null;
        this.multicast = null;
        this.udpRecorder = null;
    }

    private HarnessServer(InetAddress group) {
        this.kind = ServerKind.MULTICAST_SINK;
        this.server = null;
        this.udp = null;
        this.multicast = MulticastReceiver.builder(group).build();
        this.udpRecorder = new StreamComponent<>("multicast-sink") {
            @Override
            protected void onMessage(Datagram message, Emitter<Datagram> out) {
                record(message.content());
            }
        };
        multicast.outbox().linkTo(udpRecorder.inbox());
    }

    /**
     * A receiver that joins {@code group} on the loopback interface, on a free port, and records what arrives;
     * send to its {@link #address()}.
     */
    public static HarnessServer multicastSink(InetAddress group) {
        return new HarnessServer(Objects.requireNonNull(group, "group"));
    }

    private HarnessServer(ServerKind kind) {
        this.kind = kind;
        this.server = null;
        this.multicast = null;
        this.udp = UdpPostboxPeer.builder().build();
        boolean echo = kind == ServerKind.UDP_ECHO;
        this.udpRecorder = new StreamComponent<>(echo ? "udp-echo" : "udp-sink") {
            @Override
            protected void onMessage(Datagram message, Emitter<Datagram> out) {
                record(message.content());
                if (echo) {
                    out.emit(message.reply(message.content()));
                }
            }
        };
        udp.outbox().linkTo(udpRecorder.inbox());
        udpRecorder.outbox().linkTo(udp.inbox());
    }

    /** A UDP server that sends every datagram back to its sender. */
    public static HarnessServer udpEcho() {
        return new HarnessServer(ServerKind.UDP_ECHO);
    }

    /** A UDP server that receives and discards datagrams. */
    public static HarnessServer udpSink() {
        return new HarnessServer(ServerKind.UDP_SINK);
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
        if (udp != null) {
            udpRecorder.start();
            udp.start();
        } else if (multicast != null) {
            udpRecorder.start();
            multicast.start();
        } else {
            server.start();
        }
        return this;
    }

    /** Where the server listens; only once started. */
    public InetSocketAddress address() {
        if (multicast != null) {
            return multicast.group();
        }
        return udp != null ? udp.address() : server.address();
    }

    /** The port it listens on; only once started. */
    public int port() {
        return address().getPort();
    }

    /** What the server does. */
    public ServerKind kind() {
        return kind;
    }

    /** TCP connections open now; always 0 for UDP. */
    public int connectionCount() {
        return server == null ? 0 : server.connectionCount();
    }

    /** The chunks (UDP: datagram payloads) received so far by an echo or sink server, in arrival order. */
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

    /** Closes the listener and every connection (UDP: the socket) and waits for them; idempotent. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
            return;
        }
        try {
            if (udp != null) {
                udp.close();
            } else {
                multicast.close();
            }
        } finally {
            udpRecorder.close();
        }
    }

    @Override
    public String toString() {
        String state = server != null ? server.toString().replaceFirst("^MultiClientServer", "")
                : (udp != null ? udp.toString() : multicast.toString()).replaceFirst("^\\w+", "");
        return "HarnessServer[" + kind + "]" + state;
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
