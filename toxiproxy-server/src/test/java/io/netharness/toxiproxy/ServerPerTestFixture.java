package io.netharness.toxiproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** One echo upstream for a test class and a fresh server per test, for tests that create proxies themselves. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // test classes run concurrently: each keeps its own fixture
abstract class ServerPerTestFixture {

    EchoServer echo;
    ToxiproxyServer server;
    ApiClient api;

    @BeforeAll
    void startEcho() {
        echo = new EchoServer();
    }

    @AfterAll
    void stopEcho() throws Exception {
        echo.close();
    }

    @BeforeEach
    void startServer() {
        server = ToxiproxyServer.builder().build().start();
        api = new ApiClient(server.uri());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
