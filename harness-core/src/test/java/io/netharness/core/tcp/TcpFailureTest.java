package io.netharness.core.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.core.Await;
import io.netharness.core.Chunk;
import io.netharness.core.Lifecycle;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Bad input and peer failures give a clear error or signal, never a hang or a silent drop. */
class TcpFailureTest {

    private static final List<BiFunction<String, Integer, TcpClient>> CLIENTS =
            List.of((host, port) -> TcpClient.builder(host, port).build(),
                    (host, port) -> TcpClient.builder(host, port).threaded().build());

    @Test
    void connectingToClosedPortFailsNamingHostAndPort() throws Exception {
        int closedPort = freePort();
        for (BiFunction<String, Integer, TcpClient> clients : CLIENTS) {
            try (TcpClient client = clients.apply("127.0.0.1", closedPort)) {
                assertThatThrownBy(client::start)
                        .isInstanceOf(UncheckedIOException.class)
                        .hasMessageStartingWith("cannot connect to 127.0.0.1:" + closedPort + ": ")
                        .hasMessageContaining("refused")
                        .cause().isNotNull();

                Lifecycle.ConnectionFailed failed = Await.signalOf(client.signal(), Lifecycle.ConnectionFailed.class);
                assertThat(failed.remote().getPort()).isEqualTo(closedPort);
                assertThatThrownBy(() -> client.inbox().offer(Chunk.ofUtf8("x")))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("failed");
            }
        }
    }

    @Test
    void bindingPortInUseFailsNamingAddress() throws Exception {
        try (TcpServer first = TcpServer.builder().build()) {
            first.start();
            try (TcpServer second = TcpServer.builder().port(first.port()).build()) {
                assertThatThrownBy(second::start)
                        .isInstanceOf(UncheckedIOException.class)
                        .hasMessageStartingWith("cannot bind 127.0.0.1:" + first.port() + ": ")
                        .hasMessageContaining("Address already in use")
                        .cause().isNotNull();
                assertThat(second).hasToString("TcpServer{closed}");
            }
        }
    }

    @Test
    void sendingAfterCloseThrowsIllegalStateException() throws Exception {
        try (MultiClientServer server = TcpEchoTest.echoServer()) {
            server.start();
            for (BiFunction<String, Integer, TcpClient> clients : CLIENTS) {
                TcpClient client = clients.apply("127.0.0.1", server.port());
                client.start();
                client.close();

                assertThatThrownBy(() -> client.inbox().put(Chunk.ofUtf8("too late")))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("is closed");
            }
        }
    }

    @Test
    void serverClosingConnectionIsSignalledToBothClients() throws Exception {
        for (BiFunction<String, Integer, TcpClient> clients : CLIENTS) {
            TcpServer server = TcpServer.builder().onConnection(Connection::close).build();
            server.start();
            try (TcpClient client = clients.apply("127.0.0.1", server.port())) {
                client.start();

                Lifecycle.SocketShutdown shutdown = Await.signalOf(client.signal(), Lifecycle.SocketShutdown.class);
                assertThat(shutdown.remote()).isEqualTo(server.address());
                assertThatThrownBy(() -> client.inbox().put(Chunk.ofUtf8("x"))).isInstanceOf(IllegalStateException.class);
            } finally {
                server.close();
            }
        }
    }

    @Test
    void clientClosingIsSignalledByConnectionAndServer() throws Exception {
        java.util.concurrent.BlockingQueue<Connection> accepted = new java.util.concurrent.LinkedBlockingQueue<>();
        try (TcpServer server = TcpServer.builder().onConnection(accepted::add).build()) {
            server.start();
            TcpClient client = TcpClient.builder("127.0.0.1", server.port()).threaded().build();
            client.start();
            Lifecycle.ConnectionOpened opened = Await.signalOf(server.signal(), Lifecycle.ConnectionOpened.class);
            assertThat(opened.remote()).isEqualTo(client.localAddress());
            Connection connection = accepted.poll(Await.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(connection).isNotNull();

            client.close();

            Lifecycle.SocketShutdown shutdown = Await.signalOf(connection.signal(), Lifecycle.SocketShutdown.class);
            assertThat(shutdown.remote()).isEqualTo(opened.remote());
            assertThat(shutdown.failure()).isEmpty();
            Lifecycle.ConnectionClosed closed = Await.signalOf(server.signal(), Lifecycle.ConnectionClosed.class);
            assertThat(closed.remote()).isEqualTo(opened.remote());
            assertThat(connection.isOpen()).isFalse();
            assertThat(connection).hasToString("Connection{closed}");
        }
    }

    @Test
    void connectionAdapterSendsItsInboxAndEmitsWhatItReads() throws Exception {
        java.util.concurrent.BlockingQueue<Connection> accepted = new java.util.concurrent.LinkedBlockingQueue<>();
        try (TcpServer server = TcpServer.builder().onConnection(accepted::add).build()) {
            server.start();
            TcpClient client = TcpClient.builder("127.0.0.1", server.port()).build();
            client.start();
            Connection connection = accepted.poll(Await.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(connection).isNotNull();

            client.inbox().put(Chunk.ofUtf8("ping"));
            assertThat(Await.readUtf8(connection.outbox(), 4)).isEqualTo("ping");
            connection.inbox().put(Chunk.ofUtf8("pong"));
            assertThat(Await.readUtf8(client.outbox(), 4)).isEqualTo("pong");
            client.close();
        }
    }

    @Test
    void portOutOfRangeIsRejectedInNettyStyle() {
        assertThatThrownBy(() -> TcpServer.builder().port(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port: 70000 (expected: 0-65535)");
        assertThatThrownBy(() -> TcpClient.builder("127.0.0.1", 0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port: 0 (expected: 1-65535)");
        assertThatThrownBy(() -> ConnectionSettings.defaults().withIdleTimeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idleTimeout: 0ms (expected: > 0)");
    }

    @Test
    void threadedClientLeavesNoThreadBehind() throws Exception {
        try (MultiClientServer server = TcpEchoTest.echoServer()) {
            server.start();
            TcpClient client = TcpClient.builder("127.0.0.1", server.port()).threaded().build();
            client.start();
            String prefix = TcpClient.THREAD_NAME_PREFIX + client.localAddress().getPort() + "-";
            List<Thread> ours = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith(prefix)).toList();
            assertThat(ours).extracting(Thread::getName).containsExactlyInAnyOrder(prefix + "reader", prefix + "writer");

            client.close();

            assertThat(ours).noneMatch(Thread::isAlive);
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
