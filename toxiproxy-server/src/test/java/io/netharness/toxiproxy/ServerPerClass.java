package io.netharness.toxiproxy;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ToxiproxyServer} a test class shares, with an {@link ApiClient} to it: started before the class's
 * {@code @BeforeAll} methods, closed after its {@code @AfterAll} methods.
 *
 * <pre>{@code @RegisterExtension
 * static final ServerPerClass SERVER = new ServerPerClass(ToxiproxyServer.builder().strict(true));}</pre>
 */
final class ServerPerClass implements BeforeAllCallback, AfterAllCallback {

    private final ToxiproxyServer.Builder builder;
    private ToxiproxyServer server;
    private ApiClient api;

    /** A server with the defaults, as {@code serve} starts it. */
    ServerPerClass() {
        this(ToxiproxyServer.builder());
    }

    ServerPerClass(ToxiproxyServer.Builder builder) {
        this.builder = builder;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = builder.build().start();
        api = new ApiClient(server.uri());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    ToxiproxyServer server() {
        return started(server);
    }

    ApiClient api() {
        return started(api);
    }

    private static <T> T started(T value) {
        if (value == null) {
            throw new IllegalStateException("the class's server is not started: use it from tests or @BeforeAll");
        }
        return value;
    }
}
