package io.netharness.toxiproxy.internal;

import io.netharness.core.servers.HarnessServer;
import io.netharness.toxiproxy.internal.LinkEngine.LinkRequest;
import io.netharness.toxiproxy.internal.LinkEngine.RunningLink;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * The first few hundred connections and datagrams of a serve process, run through throwaway proxies of its own engine
 * before serve says it listens.
 *
 * <p>Why: a fresh JVM runs the relay's per-connection code interpreted until the JIT has seen it a few hundred times;
 * measured through {@code serve --link} in a fresh process, the first connection plus a 1-byte echo took 5-9 ms and
 * the hundredth about 1 ms, where a process that had carried a thousand took a few tenths. The simulator's own link
 * warm-up carries a few dozen, on event loops of its own. A user's first connection should find what the thousandth
 * finds: code compiled and the engine's event loops running.
 *
 * <p>Bounded by {@link #BUDGET}; once per JVM (what the JIT learnt serves every engine after); off with
 * {@code -Dnetharness.warmup=false}, as the simulator's warm-up.
 */
final class EngineWarmup {

    static final int CONNECTIONS = 300;
    static final int DATAGRAMS = 300;
    static final Duration BUDGET = Duration.ofSeconds(2);
    private static final String PROPERTY = "netharness.warmup";
    private static final int TIMEOUT_MILLIS = 1_000;
    private static final System.Logger LOG = System.getLogger(EngineWarmup.class.getName());
    private static boolean done;

    private EngineWarmup() {
    }

    /** What a warm-up carried: connections echoed and datagrams echoed through the throwaway proxies. */
    record Carried(int connections, int datagrams) {
    }

    /**
     * Warms {@code engine} unless a warm-up ran in this JVM already or is turned off; returns whether it ran now (what
     * it carried is {@link #run}'s to tell).
     */
    static synchronized boolean ensure(LinkEngine engine) {
        if (done || !Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return false;
        }
        done = true;
        run(engine, BUDGET);
        return true;
    }

    /** Runs a warm-up through {@code engine} within {@code budget}; a failure only ends it early. */
    static Carried run(LinkEngine engine, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        int connections = 0;
        int datagrams = 0;
        try (HarnessServer stream = HarnessServer.echo().start();
             RunningLink tcp = engine.open(request(ProxyProtocol.TCP, asGiven(stream.address())))) {
            connections = connections(tcp.address(), deadline);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "serve's TCP warm-up ended early; first connections pay their own start-up", e);
        }
        try (HarnessServer echo = HarnessServer.udpEcho().start();
             RunningLink udp = engine.open(request(ProxyProtocol.UDP, echo.address()))) {
            datagrams = datagrams(udp.address(), deadline);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "serve's UDP warm-up ended early; first datagrams pay their own start-up", e);
        }
        return new Carried(connections, datagrams);
    }

    /**
     * The upstream as serve's proxies get it from a command line or the API: host and port, unresolved, so that the
     * warm-up takes the per-connection resolution path their connections take.
     */
    private static InetSocketAddress asGiven(InetSocketAddress address) {
        return InetSocketAddress.createUnresolved(address.getAddress().getHostAddress(), address.getPort());
    }

    private static LinkRequest request(ProxyProtocol protocol, InetSocketAddress upstream) {
        InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        return new LinkRequest("netharness-warmup", protocol, listen, upstream, 0x5e_7e_3eL, List.of());
    }

    /**
     * Connections one after another, each a short exchange (1 byte to 4 KiB), then closed or (every other one) reset,
     * as clients end them.
     */
    private static int connections(InetSocketAddress proxy, long deadline) throws IOException {
        int echoed = 0;
        while (echoed < CONNECTIONS && System.nanoTime() - deadline < 0) {
            byte[] data = new byte[1 + (echoed % 16) * 256];
            try (Socket socket = new Socket()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.setTcpNoDelay(true);
                socket.connect(proxy, TIMEOUT_MILLIS);
                socket.getOutputStream().write(data);
                if (socket.getInputStream().readNBytes(data.length).length != data.length) {
                    throw new IOException("the warm-up proxy ended a connection early");
                }
                if (echoed % 2 == 1) {
                    socket.setSoLinger(true, 0);
                }
            }
            echoed++;
        }
        return echoed;
    }

    /** Datagrams one after another, each waiting for its echo, from one client socket. */
    private static int datagrams(InetSocketAddress proxy, long deadline) throws IOException {
        int echoed = 0;
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(TIMEOUT_MILLIS);
            byte[] reply = new byte[2_048];
            while (echoed < DATAGRAMS && System.nanoTime() - deadline < 0) {
                int size = 1 + echoed % 1_024;
                client.send(new DatagramPacket(new byte[size], size, proxy));
                client.receive(new DatagramPacket(reply, reply.length));
                echoed++;
            }
        }
        return echoed;
    }
}
