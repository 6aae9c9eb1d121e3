package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The API's warm-up as {@link ToxiproxyServer#start()} runs it: through the engine, on a scratch registry. */
class ServerApiWarmupTest {

    @Test
    void anEngineWarmedNowHasTheApiWarmedOnAScratchRegistryThatClientsNeverSee() {
        SocketOnlyEngine engine = new SocketOnlyEngine(true);
        try (ToxiproxyServer server = ToxiproxyServer.builder().engineFactory(() -> engine).build().start()) {
            assertThat(engine.opened).as("proxies the warm-up created, one by one and populated")
                    .contains("netharness-warmup", "netharness-warmup-2")
                    .allMatch(name -> name.startsWith("netharness-warmup"));
            assertThat(engine.toxicNames).as("toxics the warm-up added").contains("latency");
            assertThat(engine.open.get()).as("warm-up links still open when the API listens").isZero();

            ApiClient.Answer proxies = new ApiClient(server.uri()).get("/proxies");
            assertThat(proxies.status()).isEqualTo(200);
            assertThat(proxies.body()).isEqualTo("{}");
        }
    }

    @Test
    void anEngineWithNothingToWarmLeavesTheApiColdAndItsEngineUnasked() {
        SocketOnlyEngine engine = new SocketOnlyEngine(false);
        try (ToxiproxyServer server = ToxiproxyServer.builder().engineFactory(() -> engine).build().start()) {
            assertThat(new ApiClient(server.uri()).get("/version").status()).isEqualTo(200);
            assertThat(engine.opened).isEmpty();
        }
    }
}
