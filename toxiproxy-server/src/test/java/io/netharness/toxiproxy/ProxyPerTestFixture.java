package io.netharness.toxiproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * One server and one echo upstream for a test class, and a proxy per test, named after the test method and seeded
 * with {@link #proxySeed()}, so each test's toxics start from nothing and replay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // test classes run concurrently: each keeps its own fixture
abstract class ProxyPerTestFixture {

    ToxiproxyServer server;
    ApiClient api;
    EchoServer echo;
    String proxy;
    String listen;

    /** The seed of every proxy the class creates. */
    abstract long proxySeed();

    @BeforeAll
    void startServer() {
        server = ToxiproxyServer.builder().build().start();
        api = new ApiClient(server.uri());
        echo = new EchoServer();
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
        echo.close();
    }

    @BeforeEach
    void createProxy(TestInfo test) {
        proxy = test.getTestMethod().orElseThrow().getName();
        listen = api.createSeeded(proxy, echo.hostPort(), proxySeed());
    }

    @AfterEach
    void deleteProxy() {
        api.delete("/proxies/" + proxy);
    }
}
