package io.netharness.core.tcp;

import static io.netharness.core.Await.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.core.Await;
import io.netharness.core.Chunk;
import io.netharness.core.Lifecycle;
import io.netharness.core.StreamComponent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServersTest {

    @Test
    void singleClientServerClosesSecondClientWhileFirstIsConnected() throws Exception {
        try (SingleClientServer server = SingleClientServer.builder().build()) {
            server.start();
            try (TcpClient first = TcpClient.builder("127.0.0.1", server.port()).build();
                    TcpClient second = TcpClient.builder("127.0.0.1", server.port()).threaded().build()) {
                first.start();
                first.inbox().put(Chunk.ofUtf8("from first"));
                assertThat(Await.readUtf8(server.outbox(), 10)).isEqualTo("from first");

                second.start();
                Lifecycle.SocketShutdown refused = Await.signalOf(second.signal(), Lifecycle.SocketShutdown.class);
                assertThat(refused.remote().getPort()).isEqualTo(server.port());
                // The server announced the refused client's connection and its close (newCSA / shutdownCSA).
                Lifecycle.ConnectionClosed closed = Await.signalOf(server.signal(), Lifecycle.ConnectionClosed.class);
                assertThat(closed.remote()).isEqualTo(refused.local());

                server.inbox().put(Chunk.ofUtf8("to first"));
                assertThat(Await.readUtf8(first.outbox(), 8)).isEqualTo("to first");
                assertThat(first.isConnected()).isTrue();
            }
        }
    }

    @Test
    void singleClientServerTakesNextClientAfterFirstLeaves() throws Exception {
        try (SingleClientServer server = SingleClientServer.builder().build()) {
            server.start();
            TcpClient first = TcpClient.builder("127.0.0.1", server.port()).build();
            first.start();
            Await.signalOf(server.signal(), Lifecycle.ConnectionOpened.class);
            first.close();
            Await.signalOf(server.signal(), Lifecycle.SocketShutdown.class);
            Await.until("the first client is gone", () -> !server.hasClient());

            server.inbox().put(Chunk.ofUtf8("waiting"));
            try (TcpClient next = TcpClient.builder("127.0.0.1", server.port()).threaded().build()) {
                next.start();
                assertThat(Await.readUtf8(next.outbox(), 7)).isEqualTo("waiting");
            }
        }
    }

    @Test
    void thousandConcurrentClientsEachGetOnlyTheirOwnReplies() throws Exception {
        int clientCount = 1_000;
        long began = System.nanoTime();
        try (MultiClientServer server = MultiClientServer.builder(info -> StreamComponent.map("reply", (Chunk c) -> Chunk.ofUtf8("re:" + c.toUtf8()))).build()) {
            server.start();
            List<TcpClient> clients = new ArrayList<>(clientCount);
            try {
                for (int i = 0; i < clientCount; i++) {
                    TcpClient client = TcpClient.builder("127.0.0.1", server.port()).build();
                    clients.add(client);
                    client.start();
                }
                for (int i = 0; i < clientCount; i++) {
                    clients.get(i).inbox().put(Chunk.ofUtf8(String.format("%04d", i)));
                }
                for (int i = 0; i < clientCount; i++) {
                    assertThat(Await.readUtf8(clients.get(i).outbox(), 7)).isEqualTo(String.format("re:%04d", i));
                }
                assertThat(server.connectionCount()).isEqualTo(clientCount);
            } finally {
                clients.forEach(TcpClient::close);
            }
            Await.until("all connections closed", () -> server.connectionCount() == 0);
        }
        System.out.printf("1000 clients connected, echoed and closed in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    @Test
    void protocolHandlerSeesConnectAndDisconnectWithAddresses() throws Exception {
        BlockingQueue<Lifecycle> seen = new LinkedBlockingQueue<>();
        BlockingQueue<ConnectionInfo> infos = new LinkedBlockingQueue<>();
        try (MultiClientServer server = MultiClientServer.builder(info -> {
            infos.add(info);
            return new StreamComponent<Chunk, Chunk>("watcher") {
                @Override
                protected void onMessage(Chunk message, Emitter<Chunk> out) {
                    out.emit(message);
                }

                @Override
                protected void onControl(Lifecycle message, Emitter<Chunk> out) {
                    seen.add(message);
                    super.onControl(message, out);
                }
            };
        }).build()) {
            server.start();
            TcpClient client = TcpClient.builder("127.0.0.1", server.port()).build();
            client.start();
            ConnectionInfo info = infos.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(info).isNotNull();
            assertThat(info.remote()).isEqualTo(client.localAddress());
            assertThat(info.localPort()).isEqualTo(server.port());
            assertThat(seen.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo(new Lifecycle.ConnectionOpened(info.local(), info.remote()));

            client.close();

            assertThat(seen.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(Lifecycle.SocketShutdown.class);
        }
    }

    /**
     * A handler's ServerShutdown stops the listener and every connection; the listener's close completes on its
     * event loop, possibly after the connections have gone, so the test waits for connects to be refused.
     */
    @Test
    void protocolHandlerCanStopTheWholeServer() throws Exception {
        try (MultiClientServer server = MultiClientServer.builder(info -> new StreamComponent<Chunk, Chunk>("stopper") {
            @Override
            protected void onMessage(Chunk message, Emitter<Chunk> out) {
                if (message.toUtf8().contains("stop")) {
                    out.signal(new Lifecycle.ServerShutdown());
                }
            }
        }).build()) {
            server.start();
            int port = server.port();
            TcpClient bystander = TcpClient.builder("127.0.0.1", port).build();
            TcpClient stopper = TcpClient.builder("127.0.0.1", port).threaded().build();
            bystander.start();
            stopper.start();

            stopper.inbox().put(Chunk.ofUtf8("stop"));

            Await.signalOf(bystander.signal(), Lifecycle.SocketShutdown.class);
            Await.signalOf(stopper.signal(), Lifecycle.SocketShutdown.class);
            Await.until("the server refuses new connections", () -> refuses(port));
            try (TcpClient late = TcpClient.builder("127.0.0.1", port).build()) {
                assertThatThrownBy(late::start).hasMessageContaining("127.0.0.1:" + port);
            }
            bystander.close();
            stopper.close();
        }
    }

    private static boolean refuses(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }

    @Test
    void idleConnectionIsClosedAfterTimeout() throws Exception {
        ConnectionSettings idle = ConnectionSettings.defaults().withIdleTimeout(Duration.ofMillis(200));
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        try (TcpServer server = TcpServer.builder().settings(idle).onConnection(accepted::add).build()) {
            server.start();
            try (TcpClient client = TcpClient.builder("127.0.0.1", server.port()).build()) {
                long began = System.nanoTime();
                client.start();

                Lifecycle.SocketShutdown shutdown = Await.signalOf(client.signal(), Lifecycle.SocketShutdown.class);
                assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
                Connection connection = accepted.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(connection).isNotNull();
                Lifecycle.IdleTimedOut timedOut = Await.signalOf(connection.signal(), Lifecycle.IdleTimedOut.class);
                assertThat(timedOut.idleTime()).isEqualTo(Duration.ofMillis(200));
                assertThat(timedOut.remote()).isEqualTo(shutdown.local());
            }
        }
    }

    @Test
    void slowReaderStopsSocketReadingWithoutLosingData() throws Exception {
        ConnectionSettings small = ConnectionSettings.defaults().withBoxCapacity(4);
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        try (TcpServer server = TcpServer.builder().settings(small).onConnection(accepted::add).build()) {
            server.start();
            try (TcpClient client = TcpClient.builder("127.0.0.1", server.port()).threaded().build()) {
                client.start();
                Connection connection = accepted.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(connection).isNotNull();
                int chunks = 2_000;
                byte[] block = new byte[1024];
                for (int i = 0; i < chunks; i++) {
                    block[0] = (byte) i;
                    client.inbox().put(Chunk.of(block));
                }
                Await.until("the connection's outbox is full", () -> connection.outbox().size() == 4);

                long received = 0;
                while (received < (long) chunks * block.length) {
                    assertThat(connection.outbox().size()).isLessThanOrEqualTo(4);
                    received += connection.outbox().take(TIMEOUT).size();
                }
                assertThat(received).isEqualTo((long) chunks * block.length);
            }
        }
    }
}
