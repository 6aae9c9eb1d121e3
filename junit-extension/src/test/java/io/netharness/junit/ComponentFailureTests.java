package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.netharness.core.Chunk;
import io.netharness.core.ComponentFailedException;
import io.netharness.core.StreamComponent;
import io.netharness.core.tcp.MultiClientServer;
import java.io.InputStream;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A protocol handler that throws on an event loop fails the test that built its server, at the end of the test,
 * with the handler named and the cause kept; not a later timeout, and not a pass.
 */
class ComponentFailureTests {

    @Test
    void aHandlerThatThrowsFailsTheTestThatBuiltItsServer() {
        EngineExecutionResults results = TestKit.run(HandlerThrows.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).failed(1).succeeded(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("handlerThrows"),
                finishedWithFailure(instanceOf(ComponentFailedException.class),
                        message(m -> m.contains("parser (handler of /127.0.0.1:")),
                        cause(message(m -> m.contains("not a number: 12x"))))));
    }

    @Test
    void aFailureTheTestAlreadyThrewIsNotThrownTwice() {
        EngineExecutionResults results = TestKit.run(ClosedInTheTest.class);
        results.testEvents().assertThatEvents().haveExactly(1, event(test("closesTheServerItself"),
                finishedWithFailure(instanceOf(ComponentFailedException.class))));
        Throwable thrown = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(thrown.getSuppressed()).noneMatch(ComponentFailedException.class::isInstance);
    }

    @Test
    void aServerBuiltBeforeAllThatFailsFailsTheClass() {
        EngineExecutionResults results = TestKit.run(ClassScoped.class);
        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(ClassScoped.class),
                finishedWithFailure(instanceOf(ComponentFailedException.class),
                        cause(message(m -> m.contains("class-scoped handler bug"))))));
    }

    private static MultiClientServer parsingServer(String failure) {
        return MultiClientServer.builder(info -> StreamComponent.<Chunk, Chunk>map("parser", chunk -> {
            String text = chunk.toUtf8();
            if (!text.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException(failure + text);
            }
            return chunk;
        })).build();
    }

    /** Sends {@code text} and waits until the server closes the connection (the handler failed) or echoes. */
    private static int exchange(MultiClientServer server, String text) throws Exception {
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write(text.getBytes());
            InputStream in = client.getInputStream();
            return in.read();
        }
    }

    private static void closeQuietly(MultiClientServer server) {
        try {
            server.close();
        } catch (ComponentFailedException swallowedByCarelessTestCode) {
            // what a test that ignores close() failures does
        }
    }

    @NetHarness
    static class HandlerThrows {
        @Test
        void handlerThrows() throws Exception {
            MultiClientServer server = parsingServer("not a number: ");
            server.start();
            exchange(server, "12x");
            closeQuietly(server); // the test itself never looks at the failure
        }

        @Test
        void handlerWorks() throws Exception {
            try (MultiClientServer server = parsingServer("not a number: ")) {
                server.start();
                assertThat(exchange(server, "12")).isEqualTo('1');
            }
        }
    }

    @NetHarness
    static class ClosedInTheTest {
        @Test
        void closesTheServerItself() throws Exception {
            try (MultiClientServer server = parsingServer("not a number: ")) {
                server.start();
                exchange(server, "x");
            }
        }
    }

    @NetHarness
    static class ClassScoped {
        static MultiClientServer server;

        @BeforeAll
        static void startServer() {
            server = parsingServer("class-scoped handler bug: ");
            server.start();
        }

        @AfterAll
        static void closeServer() {
            closeQuietly(server); // the class must still fail
        }

        @Test
        void sendsSomethingTheHandlerCannotParse() throws Exception {
            exchange(server, "y");
        }
    }
}
