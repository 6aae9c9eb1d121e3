package io.netharness.toxiproxy;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link EchoServer} a test class shares as its proxies' upstream: started before the class's {@code @BeforeAll}
 * methods, closed after its {@code @AfterAll} methods. {@code @RegisterExtension static final EchoPerClass ECHO =
 * new EchoPerClass();}
 */
final class EchoPerClass implements BeforeAllCallback, AfterAllCallback {

    private EchoServer echo;

    @Override
    public void beforeAll(ExtensionContext context) {
        echo = new EchoServer();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        echo.close();
    }

    EchoServer get() {
        if (echo == null) {
            throw new IllegalStateException("the class's echo server is not started: use it from tests or @BeforeAll");
        }
        return echo;
    }
}
