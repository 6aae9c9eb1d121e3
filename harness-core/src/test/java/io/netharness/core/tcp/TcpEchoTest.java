package io.netharness.core.tcp;

import static io.netharness.core.Await.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.core.Await;
import io.netharness.core.Chunk;
import io.netharness.core.Lifecycle;
import io.netharness.core.StreamComponent;
import java.net.InetSocketAddress;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class TcpEchoTest {

    private static final BiFunction<String, Integer, TcpClient> EVENT_LOOP = (host, port) -> TcpClient.builder(host, port).build();
    private static final BiFunction<String, Integer, TcpClient> THREADED = (host, port) -> TcpClient.builder(host, port).threaded().build();

    @Test
    void echoesBytesThroughEventLoopClient() throws Exception {
        echoesThrough(EVENT_LOOP);
    }

    @Test
    void echoesBytesThroughThreadedClient() throws Exception {
        echoesThrough(THREADED);
    }

    private static void echoesThrough(BiFunction<String, Integer, TcpClient> clients) throws Exception {
        try (MultiClientServer server = echoServer()) {
            server.start();
            try (TcpClient client = clients.apply("127.0.0.1", server.port())) {
                client.start();
                client.inbox().put(Chunk.ofUtf8("hello, "));
                client.inbox().put(Chunk.ofUtf8("world"));

                assertThat(Await.readUtf8(client.outbox(), 12)).isEqualTo("hello, world");
            }
        }
    }

    @Test
    void echoesOverIpv6Loopback() throws Exception {
        try (MultiClientServer server = MultiClientServer.builder(info -> StreamComponent.map("echo", c -> c)).bindAddress(new InetSocketAddress("::1", 0)).settings(ConnectionSettings.defaults()).build()) {
            server.start();
            try (TcpClient client = TcpClient.builder("::1", server.port()).build()) {
                client.start();
                client.inbox().put(Chunk.ofUtf8("six"));

                assertThat(Await.readUtf8(client.outbox(), 3)).isEqualTo("six");
                assertThat(client.toString()).contains("[::1]:" + server.port());
            }
        }
    }

    @Test
    void sendsWhatWasQueuedBeforeConnecting() throws Exception {
        try (MultiClientServer server = echoServer(); TcpClient client = TcpClient.builder("127.0.0.1", 1).threaded().build()) {
            server.start();
            try (TcpClient early = TcpClient.builder("127.0.0.1", server.port()).build()) {
                early.inbox().put(Chunk.ofUtf8("queued"));
                early.start();

                assertThat(Await.readUtf8(early.outbox(), 6)).isEqualTo("queued");
            }
            assertThat(client.toString()).isEqualTo("ThreadedTcpClient{new}");
        }
    }

    @Test
    void producerFinishedSendsQueuedDataThenCloses() throws Exception {
        for (BiFunction<String, Integer, TcpClient> clients : java.util.List.of(EVENT_LOOP, THREADED)) {
            try (MultiClientServer server = echoServer()) {
                server.start();
                try (TcpClient client = clients.apply("127.0.0.1", server.port())) {
                    client.start();
                    client.inbox().put(Chunk.ofUtf8("last words"));
                    client.control().put(new Lifecycle.ProducerFinished());

                    Lifecycle.SocketShutdown shutdown = Await.signalOf(client.signal(), Lifecycle.SocketShutdown.class);
                    assertThat(shutdown.remote().getPort()).isEqualTo(server.port());
                    assertThat(client.isConnected()).isFalse();
                }
            }
        }
    }

    static MultiClientServer echoServer() {
        return MultiClientServer.builder(info -> StreamComponent.map("echo", chunk -> chunk)).build();
    }

    @Test
    void takeNamesTheOutboxWhenNothingArrives() throws Exception {
        try (MultiClientServer server = echoServer()) {
            server.start();
            try (TcpClient client = TcpClient.builder("127.0.0.1", server.port()).build()) {
                client.start();
                org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> client.outbox().take(java.time.Duration.ofMillis(50)))
                        .isInstanceOf(java.util.concurrent.TimeoutException.class)
                        .hasMessage("timed out after 50ms waiting for a message on inbox 'TcpClient[127.0.0.1:"
                                + server.port() + "].outbox'");
            }
        }
        assertThat(TIMEOUT).isPositive();
    }
}
