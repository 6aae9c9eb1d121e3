package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.LinkStatistics;
import io.netharness.toxiproxy.internal.LinkEngine;
import io.netharness.toxiproxy.internal.Toxic;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The API's warm-up as {@link ToxiproxyServer#start()} runs it: through the engine, on a scratch registry. */
class ServerApiWarmupTest {

    @Test
    void anEngineWarmedNowHasTheApiWarmedOnAScratchRegistryThatClientsNeverSee() {
        RecordingEngine engine = new RecordingEngine(true);
        try (ToxiproxyServer server = ToxiproxyServer.builder().engineFactory(() -> engine).build().start()) {
            assertThat(engine.opened).as("proxies the warm-up created, one by one and populated")
                    .contains("netharness-warmup", "netharness-warmup-2")
                    .allMatch(name -> name.startsWith("netharness-warmup"));
            assertThat(engine.toxicNames).as("toxics the warm-up added").contains("latency");
            assertThat(engine.sockets.open.get()).as("warm-up links still open when the API listens").isZero();

            ApiClient.Answer proxies = new ApiClient(server.uri()).get("/proxies");
            assertThat(proxies.status()).isEqualTo(200);
            assertThat(proxies.body()).isEqualTo("{}");
        }
    }

    @Test
    void anEngineWithNothingToWarmLeavesTheApiColdAndItsEngineUnasked() {
        RecordingEngine engine = new RecordingEngine(false);
        try (ToxiproxyServer server = ToxiproxyServer.builder().engineFactory(() -> engine).build().start()) {
            assertThat(new ApiClient(server.uri()).get("/version").status()).isEqualTo(200);
            assertThat(engine.opened).isEmpty();
        }
    }

    /** A {@link SocketOnlyEngine} that says whether it warmed up now and records what it was asked. */
    private static final class RecordingEngine implements LinkEngine {
        final SocketOnlyEngine sockets = new SocketOnlyEngine();
        final List<String> opened = new CopyOnWriteArrayList<>();
        final List<String> toxicNames = new CopyOnWriteArrayList<>();
        private final boolean warmedNow;

        RecordingEngine(boolean warmedNow) {
            this.warmedNow = warmedNow;
        }

        @Override
        public boolean warmUp() {
            return warmedNow;
        }

        @Override
        public RunningLink open(LinkRequest request) throws BindException {
            opened.add(request.name());
            request.toxics().forEach(toxic -> toxicNames.add(toxic.name()));
            RunningLink link = sockets.open(request);
            return new RunningLink() {
                @Override
                public InetSocketAddress address() {
                    return link.address();
                }

                @Override
                public void toxics(List<Toxic> toxics) {
                    toxics.forEach(toxic -> toxicNames.add(toxic.name()));
                    link.toxics(toxics);
                }

                @Override
                public LinkStatistics statistics() {
                    return link.statistics();
                }

                @Override
                public void close() {
                    link.close();
                }
            };
        }

        @Override
        public void close() {
            sockets.close();
        }
    }
}
