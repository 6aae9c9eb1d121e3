package io.netharness.app;

import io.netharness.core.Format;
import io.netharness.core.Chunk;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netharness.core.StreamComponent;
import io.netharness.core.Transport;
import io.netharness.core.udp.MulticastReceiver;
import io.netharness.core.udp.MulticastSender;
import io.netharness.core.tcp.MultiClientServer;
import io.netharness.core.tcp.SingleClientServer;
import io.netharness.core.tcp.TcpClient;
import io.netharness.core.udp.Datagram;
import io.netharness.core.udp.UdpPeer;
import io.netharness.core.udp.UdpPostboxPeer;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code demo}: a multi-client TCP server with a line protocol and four clients (two on the event loop,
 * two threaded), a single-client server turning a second client away, a UDP request/reply exchange with a change
 * of target, a multicast group with two receivers, then the same kind of traffic through simulated links that add
 * latency and lose datagrams ({@link LinkDemo}); every message is printed as it happens. Exits 0 once everything
 * arrived (or, through the lossy link, was dropped by it), 1 otherwise.
 */
final class DemoCommand implements Command {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int TCP_CLIENTS = 4;
    private static final int ROUNDS = 3;

    @Override
    public String summary() {
        return "run servers, clients and peers on loopback, then through impaired links, printing their traffic";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (!args.isEmpty()) {
            err.println("netharness demo: takes no arguments (got " + args + ")");
            return Main.USAGE;
        }
        TrafficLog log = new TrafficLog(out);
        log.plain("NetHarness demo: harness-core components on loopback (transport: " + Transport.name() + "),"
                + " then simulated links");
        log.plain("Terms from Kamaelia, whose Internet components harness-core follows: a server announces each new"
                + " connection as newCSA (a new ConnectedSocketAdapter: Lifecycle.ConnectionOpened here) and each"
                + " closed one as shutdownCSA (Lifecycle.ConnectionClosed); socketShutdown is a client's own socket"
                + " closing (Lifecycle.SocketShutdown).");
        int tcpReplies = tcp(log);
        boolean singleOk = single(log);
        int udpReplies = udp(log);
        int multicastDeliveries = multicast(log);
        boolean tcpLinkOk = LinkDemo.tcp(log);
        boolean udpLinkOk = LinkDemo.udp(log);
        int tcpExpected = TCP_CLIENTS * (ROUNDS + 1);
        boolean ok = tcpReplies == tcpExpected && singleOk && udpReplies == 4 && multicastDeliveries == 4
                && tcpLinkOk && udpLinkOk;
        log.plain(String.format("demo %s: TCP %d/%d replies, single-client server %s, UDP %d/4 replies,"
                + " multicast %d/4 deliveries, TCP link %s, lossy UDP link %s", ok ? "finished" : "FAILED",
                tcpReplies, tcpExpected, singleOk ? "ok" : "FAILED", udpReplies, multicastDeliveries,
                tcpLinkOk ? "ok" : "FAILED", udpLinkOk ? "ok" : "FAILED"));
        return ok ? 0 : 1;
    }

    /** Four clients talk to one server at once; each must get back exactly its own lines. */
    private static int tcp(TrafficLog log) throws Exception {
        int replies = 0;
        try (MultiClientServer server = MultiClientServer.builder(info -> new ShoutProtocol(info, log, "tcp")).build()) {
            server.start();
            CountDownLatch allClosed = watch(server.signal(), log);
            log.print("tcp", "MultiClientServer listening on 127.0.0.1:" + server.port()
                    + " (one ShoutProtocol handler per connection)");
            List<TcpClient> clients = new ArrayList<>();
            List<LineReader> readers = new ArrayList<>();
            List<String> names = new ArrayList<>();
            try {
                for (int i = 1; i <= TCP_CLIENTS; i++) {
                    boolean threaded = i % 2 == 0;
                    TcpClient client = threaded ? TcpClient.builder("127.0.0.1", server.port()).threaded().build()
                            : TcpClient.builder("127.0.0.1", server.port()).build();
                    clients.add(client);
                    client.start();
                    readers.add(new LineReader(client.outbox()));
                    names.add(String.format("client-%d (%s, port %d)", i, threaded ? "threaded  " : "event loop",
                            client.localAddress().getPort()));
                }
                for (int round = 1; round <= ROUNDS; round++) {
                    for (int i = 0; i < clients.size(); i++) {
                        String line = "hello " + round + " from client-" + (i + 1);
                        log.print("tcp", names.get(i) + " -> \"" + line + "\"");
                        clients.get(i).inbox().put(Chunk.ofUtf8(line + "\n"));
                    }
                    for (int i = 0; i < clients.size(); i++) {
                        replies += expectLine(readers.get(i), names.get(i),
                                ("hello " + round + " from client-" + (i + 1)).toUpperCase(Locale.ROOT), log);
                    }
                }
                for (int i = 0; i < clients.size(); i++) {
                    log.print("tcp", names.get(i) + " -> \"bye\"");
                    clients.get(i).inbox().put(Chunk.ofUtf8("bye\n"));
                    replies += expectLine(readers.get(i), names.get(i), "BYE", log);
                    Lifecycle.SocketShutdown closed = await(clients.get(i).signal(), Lifecycle.SocketShutdown.class);
                    log.print("tcp", names.get(i) + " saw socketShutdown: the server closed the connection"
                            + (closed.failure().isPresent() ? " (" + closed.failure().get() + ")" : ""));
                }
            } finally {
                clients.forEach(TcpClient::close);
            }
            if (!allClosed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.print("tcp", "server: " + server.connectionCount() + " connections still open after "
                        + Format.duration(WAIT));
            }
        }
        return replies;
    }

    /** A single-client server talks to its client; a second client is accepted and closed at once. */
    private static boolean single(TrafficLog log) throws Exception {
        try (SingleClientServer server = SingleClientServer.builder().build()) {
            server.start();
            log.print("single", "SingleClientServer listening on 127.0.0.1:" + server.port());
            try (TcpClient first = TcpClient.builder("127.0.0.1", server.port()).build();
                    TcpClient second = TcpClient.builder("127.0.0.1", server.port()).threaded().build()) {
                first.start();
                log.print("single", "first client -> \"just us?\"");
                first.inbox().put(Chunk.ofUtf8("just us?\n"));
                String heard = new LineReader(server.outbox()).readLine(WAIT);
                log.print("single", "server <- \"" + heard + "\"");
                second.start();
                await(second.signal(), Lifecycle.SocketShutdown.class);
                log.print("single", "second client was closed at once: one client at a time");
                server.inbox().put(Chunk.ofUtf8("yes, just us\n"));
                String reply = new LineReader(first.outbox()).readLine(WAIT);
                log.print("single", "first client <- \"" + reply + "\"");
                return heard.equals("just us?") && reply.equals("yes, just us") && first.isConnected();
            }
        }
    }

    /** A client sends pings to a postbox server whose replies are made by a component wired to it. */
    private static int udp(TrafficLog log) throws Exception {
        int replies = 0;
        try (Responder first = new Responder("server-a", log); Responder second = new Responder("server-b", log);
                UdpPeer client = UdpPeer.builder().target(first.address()).build()) {
            client.start();
            log.print("udp", "UdpPeer on 127.0.0.1:" + client.address().getPort() + " targets server-a");
            for (int n = 1; n <= 4; n++) {
                if (n == 4) {
                    client.retarget(second.address());
                    log.print("udp", "client retargeted to server-b at 127.0.0.1:" + second.address().getPort());
                }
                log.print("udp", "client -> \"ping " + n + "\"");
                client.inbox().put(Chunk.ofUtf8("ping " + n));
                Datagram reply = client.outbox().take(WAIT);
                log.print("udp", "client <- \"" + reply.text() + "\" from " + reply.sender().getPort());
                InetSocketAddress expectedFrom = n == 4 ? second.address() : first.address();
                if (reply.text().equals("pong " + n) && reply.sender().equals(expectedFrom)) {
                    replies++;
                }
            }
        }
        return replies;
    }

    /** A postbox peer whose outbox feeds a component that answers each ping to its sender. */
    private static final class Responder implements AutoCloseable {
        private final UdpPostboxPeer peer = UdpPostboxPeer.builder().build();
        private final StreamComponent<Datagram, Datagram> answer;

        Responder(String name, TrafficLog log) {
            answer = StreamComponent.map(name, (Datagram request) -> {
                log.print("udp", name + " <- \"" + request.text() + "\" from " + request.sender().getPort());
                return request.reply(Chunk.ofUtf8(request.text().replace("ping", "pong")));
            });
            peer.outbox().linkTo(answer.inbox());
            answer.outbox().linkTo(peer.inbox());
            answer.start();
            peer.start();
        }

        InetSocketAddress address() {
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

    /** Two receivers join a group on the loopback interface; a sender announces twice. */
    private static int multicast(TrafficLog log) throws Exception {
        int deliveries = 0;
        InetAddress group = InetAddress.getByName("239.255." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255));
        try (MulticastReceiver first = MulticastReceiver.builder(group).build()) {
            first.start();
            try (MulticastReceiver second = MulticastReceiver.builder(group).port(first.group().getPort()).build();
                    MulticastSender sender = MulticastSender.builder(first.group()).build()) {
                second.start();
                sender.start();
                log.print("multicast", "two receivers joined " + group.getHostAddress() + ":"
                        + first.group().getPort() + " on " + first.networkInterface().getName());
                for (int n = 1; n <= 2; n++) {
                    log.print("multicast", "sender -> \"announcement " + n + "\"");
                    sender.inbox().put(Chunk.ofUtf8("announcement " + n));
                    for (MulticastReceiver receiver : List.of(first, second)) {
                        Datagram datagram = receiver.outbox().take(WAIT);
                        log.print("multicast", (receiver == first ? "receiver-1" : "receiver-2") + " <- \""
                                + datagram.text() + "\" from " + datagram.sender().getPort());
                        if (datagram.text().equals("announcement " + n)) {
                            deliveries++;
                        }
                    }
                }
            }
        }
        return deliveries;
    }

    private static int expectLine(LineReader reader, String name, String expected, TrafficLog log)
            throws InterruptedException, TimeoutException {
        String line = reader.readLine(WAIT);
        log.print("tcp", name + " <- \"" + line + "\"");
        return line.equals(expected) ? 1 : 0;
    }

    /** Prints what the server announces (connections opened and closed) as it happens; counts the closes. */
    private static CountDownLatch watch(Outbox<Lifecycle> signal, TrafficLog log) {
        CountDownLatch allClosed = new CountDownLatch(TCP_CLIENTS);
        Inbox<Lifecycle> events = Inbox.unbounded("demo.tcp.events");
        signal.linkTo(events);
        events.onArrival(() -> {
            Lifecycle event;
            while ((event = events.poll()) != null) {
                if (event instanceof Lifecycle.ConnectionOpened opened) {
                    log.print("tcp", "server: newCSA (connection opened) from port " + opened.remote().getPort());
                } else if (event instanceof Lifecycle.ConnectionClosed closed) {
                    log.print("tcp", "server: shutdownCSA (connection closed) from port "
                            + closed.remote().getPort());
                    allClosed.countDown();
                }
            }
        });
        return allClosed;
    }

    private static <T extends Lifecycle> T await(Outbox<Lifecycle> signal, Class<T> type)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Lifecycle message = signal.take(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }
}
