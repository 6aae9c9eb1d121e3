package io.netharness.benchmarks.halfclose;

import io.netharness.benchmarks.hop.ServeProcess;
import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the half-close cases need, started once: five upstream servers (one per kind of server side), and
 * {@code serve} in a process of its own with a {@code --link} to each (plain and impaired) and an API proxy to
 * each (created on first use). {@link #run} moves the 8 MiB of one case and checks what arrived by SHA-256.
 */
public final class HalfCloseMatrix implements AutoCloseable {

    static final int SMALL_RECEIVE_BUFFER = 4096;
    private static final LinkProfile IMPAIRED = LinkProfile.builder()
            .latency(Latency.of(Duration.ofMillis(5), Duration.ofMillis(2))).build();

    private final Duration timeout;
    private final Map<String, HalfCloseUpstream> upstreams = new LinkedHashMap<>();
    private final Map<String, InetSocketAddress> serveLinks = new ConcurrentHashMap<>();
    private final Map<String, InetSocketAddress> proxies = new ConcurrentHashMap<>();
    private final ServeProcess serve;

    /** Starts the upstreams and {@code serve}; {@code timeout} bounds every read and connect of a case. */
    public HalfCloseMatrix(Duration timeout) throws IOException, InterruptedException {
        this.timeout = timeout;
        upstreams.put("cf", new HalfCloseUpstream(Order.CLIENT_FIRST, false, 0));
        for (boolean slow : new boolean[] {false, true}) {
            for (boolean small : new boolean[] {false, true}) {
                HalfCloseCase sample = new HalfCloseCase(Order.SERVER_FIRST, slow, small, false,
                        HalfCloseCase.Via.SERVE_LINK);
                upstreams.put(sample.upstreamKey(),
                        new HalfCloseUpstream(Order.SERVER_FIRST, slow, small ? SMALL_RECEIVE_BUFFER : 0));
            }
        }
        List<String> arguments = new ArrayList<>(List.of("--port", "0", "--stats-interval", "0"));
        upstreams.forEach((key, upstream) -> {
            for (boolean impaired : new boolean[] {false, true}) {
                arguments.addAll(List.of("--link", linkName(key, impaired) + "=127.0.0.1:0->127.0.0.1:"
                        + upstream.address().getPort()));
                if (impaired) {
                    arguments.addAll(List.of("--latency", "5ms", "--jitter", "2ms"));
                }
            }
        });
        serve = ServeProcess.start(arguments);
        try {
            serve.awaitApi();
            for (String key : upstreams.keySet()) {
                for (boolean impaired : new boolean[] {false, true}) {
                    serveLinks.put(linkName(key, impaired), serve.awaitLink(linkName(key, impaired)));
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private static String linkName(String upstreamKey, boolean impaired) {
        return upstreamKey + (impaired ? "-impaired" : "-plain");
    }

    /** Runs {@code c} once. */
    public void run(HalfCloseCase c) throws IOException, InterruptedException, TransferFailed {
        HalfCloseUpstream upstream = upstreams.get(c.upstreamKey());
        switch (c.via()) {
            case TCP_LINK -> throughTcpLink(c, upstream);
            case SERVE_LINK -> transfer(c, upstream, serveLinks.get(c.linkName()));
            case API_PROXY -> transfer(c, upstream, proxy(c, upstream));
        }
    }

    private InetSocketAddress proxy(HalfCloseCase c, HalfCloseUpstream upstream) throws IOException,
            InterruptedException {
        String name = "api-" + c.linkName();
        InetSocketAddress existing = proxies.get(name);
        if (existing != null) {
            return existing;
        }
        synchronized (proxies) {
            if (!proxies.containsKey(name)) {
                proxies.put(name, serve.createProxy(name, upstream.address()));
                if (c.impaired()) {
                    for (String stream : List.of("upstream", "downstream")) {
                        serve.post("/proxies/" + name + "/toxics", "{\"type\":\"latency\",\"stream\":\"" + stream
                                + "\",\"attributes\":{\"latency\":5,\"jitter\":2}}");
                    }
                }
            }
            return proxies.get(name);
        }
    }

    private void throughTcpLink(HalfCloseCase c, HalfCloseUpstream upstream) throws IOException,
            InterruptedException, TransferFailed {
        TcpLink link = TcpLink.builder().target(upstream.address()).seed(13)
                .profile(c.impaired() ? IMPAIRED : LinkProfile.PERFECT).build().start();
        try {
            transfer(c, upstream, link.address());
        } finally {
            link.close(); // also checks that nothing is left in flight
        }
        DirectionStatistics bulk = c.order() == Order.CLIENT_FIRST ? link.statistics().downstream()
                : link.statistics().upstream();
        if (bulk.bytesIn() != Payload.BYTES || bulk.bytesDelivered() != Payload.BYTES || bulk.bytesDropped() != 0) {
            throw new TransferFailed(TransferFailed.Kind.TRUNCATED, "the link's figures for the 8 MiB direction: "
                    + bulk);
        }
    }

    private void transfer(HalfCloseCase c, HalfCloseUpstream upstream, InetSocketAddress via) throws IOException,
            InterruptedException, TransferFailed {
        upstream.discardUploads();
        try (Socket client = new Socket()) {
            if (c.smallBuffer() && c.order() == Order.CLIENT_FIRST) {
                client.setReceiveBufferSize(SMALL_RECEIVE_BUFFER);
            }
            client.setSoTimeout((int) timeout.toMillis());
            client.connect(via, (int) timeout.toMillis());
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            if (c.order() == Order.CLIENT_FIRST) {
                out.write("send the reply\n".getBytes());
                client.shutdownOutput();
                check("the reply the client read to its end", Payload.digestOf(in, c.slowReader()));
            } else {
                byte[] greeting = in.readAllBytes();
                if (!Arrays.equals(greeting, HalfCloseUpstream.GREETING)) {
                    throw new TransferFailed(TransferFailed.Kind.TRUNCATED, "greeting " + new String(greeting));
                }
                out.write(Payload.bytes());
                client.shutdownOutput();
                if (in.read() != -1) {
                    throw new TransferFailed(TransferFailed.Kind.TRUNCATED, "data after the server's FIN");
                }
                check("the upload the server read to its end", upstream.nextUpload(timeout));
            }
        } catch (SocketTimeoutException e) {
            throw new TransferFailed(TransferFailed.Kind.TIMEOUT, e.toString());
        } catch (SocketException e) {
            throw new TransferFailed(TransferFailed.Kind.RESET, e.toString());
        }
    }

    private static void check(String what, Payload.Digest received) throws TransferFailed {
        if (!received.equals(Payload.expected())) {
            throw new TransferFailed(TransferFailed.Kind.TRUNCATED, what + ": " + received + ", expected "
                    + Payload.expected());
        }
    }

    /** Errors of the upstreams' connection threads since the last call. */
    public List<Throwable> drainUpstreamFailures() {
        List<Throwable> failures = new ArrayList<>();
        upstreams.values().forEach(upstream -> failures.addAll(upstream.drainFailures()));
        return failures;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (serve != null) {
                serve.close();
            }
        } finally {
            for (HalfCloseUpstream upstream : upstreams.values()) {
                upstream.close();
            }
        }
    }
}
