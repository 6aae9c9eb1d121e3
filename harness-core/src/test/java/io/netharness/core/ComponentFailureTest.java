package io.netharness.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.core.tcp.MultiClientServer;
import io.netharness.core.tcp.TcpClient;
import io.netharness.core.tcp.TcpServer;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A failure inside a component (its own callback, a protocol handler, a factory, a connection callback) is never
 * only logged: the component signals it, reports it to the scope it was created in, and its close() throws it.
 */
class ComponentFailureTest {

    @Test
    void aStreamComponentWhoseCallbackThrowsSignalsTheFailureAndItsCloseThrowsIt() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        StreamComponent<String, String> failing = new StreamComponent<>("failing") {
            @Override
            protected void onMessage(String message, Emitter<String> out) {
                if (message.equals("bad")) {
                    throw boom;
                }
                out.emit(message);
            }
        };
        failing.start();
        failing.inbox().put("good");
        failing.inbox().put("bad");
        failing.inbox().put("after");

        Lifecycle.ComponentFailed failed = Await.signalOf(failing.signal(), Lifecycle.ComponentFailed.class);
        assertThat(failed.component()).isEqualTo("failing");
        assertThat(failed.cause()).isSameAs(boom);
        assertThat(failing.outbox().take(Await.TIMEOUT)).isEqualTo("good");
        assertThatThrownBy(failing::close)
                .isInstanceOf(ComponentFailedException.class)
                .hasMessage("failing failed: java.lang.IllegalStateException: boom")
                .hasCause(boom);
        assertThat(failing.outbox().poll()).as("nothing emitted after the failure").isNull();
    }

    @Test
    void aComponentCreatedInAFailureScopeReportsToIt() throws Exception {
        List<Lifecycle.ComponentFailed> reported = new CopyOnWriteArrayList<>();
        StreamComponent<String, String> failing;
        StreamComponent<String, String> outside;
        try (FailureScope scope = FailureScope.open(reported::add)) {
            failing = StreamComponent.map("mapper", message -> {
                throw new IllegalArgumentException("cannot map " + message);
            });
            failing.start();
            failing.inbox().put("x");
            Await.until("the failure reached the scope", () -> !reported.isEmpty());
        }
        assertThat(reported).singleElement().satisfies(failure -> {
            assertThat(failure.component()).isEqualTo("mapper");
            assertThat(failure.cause()).hasMessage("cannot map x");
        });
        assertThat(FailureScope.current()).as("scope restored after close").isNull();
        outside = StreamComponent.map("outside", message -> {
            throw new IllegalStateException("no scope");
        });
        outside.start();
        outside.inbox().put("y");
        Await.signalOf(outside.signal(), Lifecycle.ComponentFailed.class);
        assertThat(reported).as("a component built outside the scope does not report to it").hasSize(1);
        assertThatThrownBy(failing::close).isInstanceOf(ComponentFailedException.class);
        assertThatThrownBy(outside::close).isInstanceOf(ComponentFailedException.class);
    }

    @Test
    void aProtocolHandlerThatThrowsClosesItsConnectionAndFailsTheServersClose() throws Exception {
        MultiClientServer server = MultiClientServer.builder(info -> StreamComponent.<Chunk, Chunk>map("parser",
                chunk -> {
                    throw new NumberFormatException("not a number: " + chunk.toUtf8());
                })).build();
        server.start();
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            client.setSoTimeout((int) Await.TIMEOUT.toMillis());
            client.getOutputStream().write("abc".getBytes());
            InputStream in = client.getInputStream();
            assertThat(in.read()).as("the server closed the connection of the failed handler").isEqualTo(-1);
        }
        assertThatThrownBy(server::close)
                .isInstanceOf(ComponentFailedException.class)
                .hasMessageContaining("parser (handler of /127.0.0.1:")
                .hasRootCauseInstanceOf(NumberFormatException.class)
                .hasRootCauseMessage("not a number: abc");
    }

    @Test
    void aFactoryThatThrowsFailsTheServersCloseAndTheOtherClientsAreServed() throws Exception {
        int[] calls = {0};
        MultiClientServer server = MultiClientServer.builder(info -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("first connection refused by the factory");
            }
            return StreamComponent.map("echo", chunk -> chunk);
        }).build();
        server.start();
        try (TcpClient first = TcpClient.builder("127.0.0.1", server.port()).threaded().build()) {
            first.start();
            Await.signalOf(first.signal(), Lifecycle.SocketShutdown.class);
        }
        try (TcpClient second = TcpClient.builder("127.0.0.1", server.port()).threaded().build()) {
            second.start();
            second.inbox().put(Chunk.ofUtf8("ping"));
            assertThat(Await.readUtf8(second.outbox(), 4)).isEqualTo("ping");
        }
        assertThatThrownBy(server::close)
                .isInstanceOf(ComponentFailedException.class)
                .hasRootCauseMessage("first connection refused by the factory");
    }

    @Test
    void aConnectionCallbackThatThrowsIsSignalledAndFailsTheServersClose() throws Exception {
        TcpServer server = TcpServer.builder().onConnection(connection -> {
            throw new UnsupportedOperationException("callback bug");
        }).build();
        server.start();
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            client.setSoTimeout((int) Await.TIMEOUT.toMillis());
            Lifecycle.ComponentFailed failed = Await.signalOf(server.signal(), Lifecycle.ComponentFailed.class);
            assertThat(failed.component()).startsWith("TcpServer{port=");
            assertThat(failed.cause()).hasMessage("callback bug");
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
        assertThatThrownBy(server::close)
                .isInstanceOf(ComponentFailedException.class)
                .hasCauseInstanceOf(UnsupportedOperationException.class);
    }
}
