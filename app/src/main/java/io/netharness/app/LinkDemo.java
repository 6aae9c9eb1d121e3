package io.netharness.app;

import io.netharness.core.Chunk;
import io.netharness.core.StreamComponent;
import io.netharness.core.tcp.MultiClientServer;
import io.netharness.core.tcp.TcpClient;
import io.netharness.core.udp.Datagram;
import io.netharness.core.udp.UdpPeer;
import io.netharness.core.udp.UdpPostboxPeer;
import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.LinkStatistics;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.UdpLink;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The demo's simulated links, the part of NetHarness the other sections do not show: a TCP client reaches the shout
 * server through a {@link TcpLink} that adds latency (the round trip shows it, the bytes arrive intact), and a UDP
 * client pings an echo peer through a {@link UdpLink} that adds latency and loses datagrams (each ping shows its
 * round trip, or which way it was lost, as the link's own statistics say). The links have fixed seeds, so every
 * run loses the same pings.
 */
final class LinkDemo {

    static final Duration TCP_ONE_WAY = Duration.ofMillis(40);
    static final Duration UDP_ONE_WAY = Duration.ofMillis(20);
    static final double UDP_LOSS = 0.25;
    static final int PINGS = 8;
    static final long SEED = 7;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private LinkDemo() {}

    /** One line through a TCP link with latency; true if it came back intact and no sooner than two latencies. */
    static boolean tcp(TrafficLog log) throws Exception {
        LinkProfile slow = LinkProfile.builder().latency(Latency.of(TCP_ONE_WAY)).build();
        try (MultiClientServer server = MultiClientServer.builder(info -> new ShoutProtocol(info, log, "link")).build()) {
            server.start();
            try (TcpLink link = TcpLink.builder().target(server.port()).profile(slow).seed(SEED).build().start();
                    TcpClient client = TcpClient.builder("127.0.0.1", link.address().getPort()).build()) {
                log.print("link", "TcpLink on 127.0.0.1:" + link.address().getPort() + " -> server 127.0.0.1:"
                        + server.port() + ", latency " + TCP_ONE_WAY.toMillis() + " ms each way");
                client.start();
                long start = System.nanoTime();
                log.print("link", "client -> \"through the link\"");
                client.inbox().put(Chunk.ofUtf8("through the link\n"));
                String reply = new LineReader(client.outbox()).readLine(WAIT);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                log.print("link", "client <- \"" + reply + "\" after " + millis + " ms (at least 2 x "
                        + TCP_ONE_WAY.toMillis() + " ms; TCP links delay bytes, never lose or change them)");
                return reply.equals("THROUGH THE LINK") && millis >= 2 * TCP_ONE_WAY.toMillis();
            }
        }
    }

    /**
     * Pings through a lossy UDP link; a ping counts as lost once the link's statistics show it dropped (so nothing
     * waits for a reply that cannot come). True if every ping got its reply or was dropped by the link, and both
     * happened.
     */
    static boolean udp(TrafficLog log) throws Exception {
        LinkProfile lossy = LinkProfile.builder().latency(Latency.of(UDP_ONE_WAY)).loss(Loss.random(UDP_LOSS)).build();
        try (Echo echo = new Echo();
                UdpLink link = UdpLink.builder().target(echo.address()).profile(lossy).seed(SEED).build().start();
                UdpPeer client = UdpPeer.builder().target(link.address()).build()) {
            client.start();
            log.print("link", "UdpLink on 127.0.0.1:" + link.address().getPort() + " -> echo 127.0.0.1:"
                    + echo.address().getPort() + ", latency " + UDP_ONE_WAY.toMillis() + " ms each way, loses "
                    + Math.round(UDP_LOSS * 100) + " % of datagrams each way (seed " + SEED + ")");
            int replies = 0;
            int lost = 0;
            for (int n = 1; n <= PINGS; n++) {
                LinkStatistics before = link.statistics();
                long start = System.nanoTime();
                client.inbox().put(Chunk.ofUtf8("ping " + n));
                Outcome outcome = await(client, link, "pong " + n, drops(before));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                String ping = "client -> \"ping " + n + "\"";
                switch (outcome) {
                    case REPLY -> {
                        replies++;
                        log.print("link", ping + ", <- \"pong " + n + "\" after " + millis + " ms");
                    }
                    case DROPPED -> {
                        lost++;
                        boolean there = link.statistics().upstream().dropped() > before.upstream().dropped();
                        log.print("link", ping + ": lost, the link dropped " + (there
                                ? "the ping on its way to the echo" : "the reply on its way back"));
                    }
                    case TIMED_OUT -> log.print("link", ping + ": no reply and no drop within " + WAIT.toSeconds()
                            + " s");
                }
            }
            LinkStatistics statistics = link.statistics();
            log.print("link", "UdpLink statistics: upstream " + counts(statistics.upstream()) + "; downstream "
                    + counts(statistics.downstream()));
            log.print("link", replies + " replies, " + lost + " pings lost; the same seed loses the same pings in"
                    + " every run");
            return replies + lost == PINGS && replies > 0 && lost > 0 && lost == drops(statistics);
        }
    }

    private enum Outcome { REPLY, DROPPED, TIMED_OUT }

    private static Outcome await(UdpPeer client, UdpLink link, String expected, long dropsBefore)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Datagram reply = client.outbox().poll(Duration.ofMillis(5));
            if (reply != null && reply.text().equals(expected)) {
                return Outcome.REPLY;
            }
            if (reply == null && drops(link.statistics()) > dropsBefore) {
                return Outcome.DROPPED;
            }
        }
        return Outcome.TIMED_OUT;
    }

    private static long drops(LinkStatistics statistics) {
        return statistics.upstream().dropped() + statistics.downstream().dropped();
    }

    private static String counts(DirectionStatistics direction) {
        return direction.datagramsIn() + " in, " + direction.delivered() + " delivered, " + direction.dropped()
                + " dropped, delay p50 " + direction.delays().percentile(50).toMillis()
                + " ms";
    }

    /** A UDP peer that answers every "ping n" with "pong n" to its sender. */
    private static final class Echo implements AutoCloseable {
        private final UdpPostboxPeer peer = UdpPostboxPeer.builder().build();
        private final StreamComponent<Datagram, Datagram> answer = StreamComponent.map("echo",
                (Datagram request) -> request.reply(Chunk.ofUtf8(request.text().replace("ping", "pong"))));

        Echo() {
            peer.outbox().linkTo(answer.inbox());
            answer.outbox().linkTo(peer.inbox());
            answer.start();
            peer.start();
        }

        java.net.InetSocketAddress address() {
            return peer.address();
        }

        @Override
        public void close() {
            try {
                peer.close();
            } finally {
                answer.close();
            }
        }
    }
}
