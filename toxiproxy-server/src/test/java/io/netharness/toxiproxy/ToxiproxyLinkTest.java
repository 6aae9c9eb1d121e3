package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.Direction;
import io.netharness.simulator.FaultHandle;
import io.netharness.simulator.InProcessLink;
import io.netharness.simulator.Link;
import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.DelayDistribution;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The toxiproxy-java backend of {@link Link}. No real Toxiproxy binary or image is reachable from this
 * build, so the Toxiproxy server here is NetHarness's own, which speaks the same API; the backend only uses
 * toxiproxy-java's calls.
 */
class ToxiproxyLinkTest {

    private static final LinkProfile SLOW = LinkProfile.builder().latency(Latency.of(Duration.ofMillis(300))).build();

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    static final EchoPerClass ECHO = new EchoPerClass();

    private static ToxiproxyLink.Builder link(String name) {
        return ToxiproxyLink.builder().toxiproxy("127.0.0.1", SERVER.server().address().getPort()).name(name)
                .target(ECHO.get().address());
    }

    private static JsonArray toxics(String proxy) {
        return JsonParser.parseString(SERVER.api().get("/proxies/" + proxy + "/toxics").body()).getAsJsonArray();
    }

    private static String hostPort(Link link) {
        return link.address().getHostString() + ":" + link.address().getPort();
    }

    @Test
    void startCreatesTheProxyAndTrafficFlows() throws Exception {
        try (ToxiproxyLink link = link("flows").seed(5).build()) {
            assertThat(link).hasToString("ToxiproxyLink{new}");

            link.start();

            assertThat(SERVER.api().get("/proxies/flows").status()).isEqualTo(200);
            assertThat(link.address().getPort()).isPositive();
            assertThat(link.target()).isEqualTo(ECHO.get().address());
            assertThat(link.seed()).isEqualTo(5);
            assertThat(link.toString())
                    .matches("ToxiproxyLink\\{flows 127\\.0\\.0\\.1:\\d+ -> " + ECHO.get().hostPort() + "}");
            assertThat(RoundTrips.echoes(hostPort(link))).isTrue();
        }
        assertThat(SERVER.api().get("/proxies/flows").status()).as("close deletes the proxy").isEqualTo(404);
    }

    @Test
    void faultsGivenToTheBuilderAreToxicsBeforeTheProxyListens() throws Exception {
        try (ToxiproxyLink link = link("from-the-first-byte")
                .fault(Direction.DOWNSTREAM, ConnectionFault.limitData(4)).build().start()) {
            assertThat(toxics("from-the-first-byte")).hasSize(1);
            assertThat(link.address().getPort()).as("the port it listens on once enabled").isPositive();
            try (java.net.Socket socket = RoundTrips.connect(hostPort(link))) {
                socket.getOutputStream().write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                        .as("the first connection already meets limit_data").isEqualTo("hell");
            }
        }
        assertThatThrownBy(() -> link("refused").fault(Direction.UPSTREAM, ConnectionFault.refuse()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault: refuse on connect (expected: one a Toxiproxy toxic expresses: resetPeer after a"
                        + " time, a close after some bytes, or on connect a blackhole, slow close, timeout or slicer)");
    }

    @Test
    void connectionFaultsBecomeToxiproxysToxicsAndTheirHandlesRemoveThem() throws Exception {
        try (ToxiproxyLink link = link("faulty").build().start()) {
            FaultHandle limit = link.addFault(Direction.DOWNSTREAM, ConnectionFault.limitData(4));
            FaultHandle reset = link.addFault(Direction.UPSTREAM, ConnectionFault.resetPeer(Duration.ofSeconds(30)),
                    0.5);
            link.addFault(Direction.UPSTREAM, ConnectionFault.slicer(64, 8, Duration.ofNanos(250_000)));
            link.addFault(Direction.DOWNSTREAM, ConnectionFault.blackhole(), 0.0);

            JsonArray toxics = toxics("faulty");
            assertThat(toxics).hasSize(4);
            assertThat(toxic(toxics, "limit_data").getAsJsonObject("attributes").get("bytes").getAsLong()).isEqualTo(4);
            JsonObject resetToxic = toxic(toxics, "reset_peer");
            assertThat(resetToxic.get("stream").getAsString()).isEqualTo("upstream");
            assertThat(resetToxic.get("toxicity").getAsDouble()).isEqualTo(0.5);
            assertThat(resetToxic.getAsJsonObject("attributes").get("timeout").getAsLong()).isEqualTo(30_000);
            JsonObject slicer = toxic(toxics, "slicer").getAsJsonObject("attributes");
            assertThat(slicer.get("average_size").getAsLong()).isEqualTo(64);
            assertThat(slicer.get("size_variation").getAsLong()).isEqualTo(8);
            assertThat(slicer.get("delay").getAsLong()).as("microseconds").isEqualTo(250);
            assertThat(toxic(toxics, "timeout").getAsJsonObject("attributes").get("timeout").getAsLong())
                    .as("a blackhole is a timeout that never closes").isZero();

            // As on a real Toxiproxy, a reset_peer in the chain swallows the request (when its toxicity picks the
            // connection) and makes every close a reset, so the exchange below runs without it.
            reset.remove();
            assertThat(reset.isActive()).isFalse();
            try (java.net.Socket socket = RoundTrips.connect(hostPort(link))) {
                socket.getOutputStream().write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                        .as("limit_data of 4 bytes, then the close").isEqualTo("hell");
            }

            link.profile(Direction.DOWNSTREAM, SLOW);
            assertThat(toxics("faulty")).as("a profile change keeps the faults' toxics").hasSize(4);
            link.profile(Direction.DOWNSTREAM, LinkProfile.PERFECT);
            assertThat(toxics("faulty")).as("and removes only its own").hasSize(3);

            limit.remove();
            limit.remove();
            assertThat(limit.isActive()).isFalse();
            assertThat(toxics("faulty")).hasSize(2);
        }
    }

    @Test
    void faultsToxiproxyCannotExpressAreRefusedAndChangeNothing() {
        try (ToxiproxyLink link = link("refused").build().start()) {
            assertThatThrownBy(() -> link.addFault(Direction.UPSTREAM,
                    ConnectionFault.resetPeer(Duration.ofNanos(1_500_000))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("resetPeer.after: 1500us (expected: whole milliseconds, Toxiproxy's unit)");
            assertThatThrownBy(() -> link.addFault(Direction.UPSTREAM, ConnectionFault.limitData(1), 1.5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("toxicity: 1.5 (expected: 0.0-1.0)");
            assertThat(toxics("refused")).isEmpty();
        }
    }

    private static JsonObject toxic(JsonArray toxics, String type) {
        for (var element : toxics) {
            if (element.getAsJsonObject().get("type").getAsString().equals(type)) {
                return element.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + type + " toxic in " + toxics);
    }

    @Test
    void profileBecomesToxicsAndPerfectRemovesThem() throws Exception {
        try (ToxiproxyLink link = link("profiled").build().start()) {
            link.profile(Direction.DOWNSTREAM, SLOW.withBandwidth(Bandwidth.ofBytesPerSecond(2_000_000))
                    .withLatency(Latency.of(Duration.ofMillis(300), Duration.ofMillis(10))));

            JsonArray toxics = toxics("profiled");
            assertThat(toxics).hasSize(2);
            JsonObject latency = toxics.get(0).getAsJsonObject();
            assertThat(latency.get("type").getAsString()).isEqualTo("latency");
            assertThat(latency.get("stream").getAsString()).isEqualTo("downstream");
            assertThat(latency.getAsJsonObject("attributes").get("latency").getAsLong()).isEqualTo(300);
            assertThat(latency.getAsJsonObject("attributes").get("jitter").getAsLong()).isEqualTo(10);
            assertThat(toxics.get(1).getAsJsonObject().getAsJsonObject("attributes").get("rate").getAsLong())
                    .isEqualTo(2000);
            assertThat(RoundTrips.medianMillis(hostPort(link), 5)).isGreaterThanOrEqualTo(289);
            assertThat(link.profile(Direction.DOWNSTREAM).latency().base()).isEqualTo(Duration.ofMillis(300));

            link.profile(LinkProfile.PERFECT);

            assertThat(toxics("profiled")).isEmpty();
            assertThat(RoundTrips.fastestMillis(hostPort(link), 5)).isLessThan(200);
        }
    }

    @Test
    void builderProfilesAreInstalledOnStart() {
        try (ToxiproxyLink link = link("built").upstream(SLOW).build().start()) {
            JsonArray toxics = toxics("built");

            assertThat(toxics).hasSize(1);
            assertThat(toxics.get(0).getAsJsonObject().get("stream").getAsString()).isEqualTo("upstream");
        }
    }

    @Test
    void cutDisablesAndHealEnables() throws Exception {
        try (ToxiproxyLink link = link("cut").build().start()) {
            link.cut();

            assertThat(link.isCut()).isTrue();
            assertThat(SERVER.api().get("/proxies/cut").body()).contains("\"enabled\":false");
            assertThatThrownBy(() -> RoundTrips.connect(hostPort(link)).close()).isInstanceOf(ConnectException.class);

            link.heal();

            assertThat(link.isCut()).isFalse();
            assertThat(RoundTrips.echoes(hostPort(link))).isTrue();
        }
    }

    @Test
    void packetLevelModelsAreRefusedAndNothingChanges() {
        try (ToxiproxyLink link = link("refused").build().start()) {
            assertThatThrownBy(() -> link.profile(Direction.UPSTREAM, LinkProfile.PERFECT.withLoss(Loss.random(0.1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("loss: ")
                    .hasMessageEndingWith("(expected: none; Toxiproxy has no packet-level models; it can express "
                            + "latency with uniform jitter and bandwidth)");
            assertThatThrownBy(() -> link.profile(Direction.UPSTREAM, LinkProfile.PERFECT.withLatency(
                    Latency.of(Duration.ofMillis(10), Duration.ofMillis(2)).withDistribution(DelayDistribution.PARETO))))
                    .hasMessage("latency.distribution: PARETO (expected: UNIFORM; Toxiproxy's jitter is uniform)");
            assertThatThrownBy(() -> link.profile(Direction.UPSTREAM,
                    LinkProfile.PERFECT.withLatency(Latency.of(Duration.ofNanos(1_500_000)))))
                    .hasMessage("latency.base: 1.5ms (expected: whole milliseconds; Toxiproxy's unit)");

            assertThat(toxics("refused")).isEmpty();
            assertThat(link.profile(Direction.UPSTREAM)).isEqualTo(LinkProfile.PERFECT);
        }
        assertThatThrownBy(() -> link("early").profile(LinkProfile.PERFECT.withLoss(Loss.random(0.5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("loss: ");
    }

    /** It promises what Toxiproxy can do: no statistics and no choice of cut mode (InProcessLink offers those). */
    @Test
    void itIsASimulatedLinkButNotAnInProcessLink() {
        assertThat(Link.class).isAssignableFrom(ToxiproxyLink.class);
        assertThat(InProcessLink.class.isAssignableFrom(ToxiproxyLink.class)).isFalse();
    }

    @Test
    void lifecycleIsIdempotent() {
        ToxiproxyLink link = link("lifecycle").build();
        assertThatThrownBy(link::address).isInstanceOf(IllegalStateException.class)
                .hasMessage("ToxiproxyLink{new} is not started: call start() first");

        assertThat(link.start()).isSameAs(link.start());
        link.close();
        link.close();

        assertThat(link).hasToString("ToxiproxyLink{closed}");
        assertThatThrownBy(link::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("ToxiproxyLink{closed} cannot be restarted after close()");
    }

    @Test
    void aNameTakenOnTheServerIsAClearError() {
        try (ToxiproxyLink first = link("taken").build().start()) {
            assertThatThrownBy(() -> link("taken").build().start())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("refused proxy taken")
                    .hasMessageContaining("proxy already exists");
            assertThat(first.isCut()).isFalse();
        }
    }

    @Test
    void missingTargetIsAClearError() {
        assertThatThrownBy(() -> ToxiproxyLink.builder().build())
                .hasMessage("ToxiproxyLink needs a target: call target(InetSocketAddress)");
    }
}
