package io.netharness.junit;

import static io.netharness.junit.assertj.NetHarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.core.servers.HarnessServer;
import io.netharness.simulator.Direction;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Changing the network while the test runs: profiles, cut and heal, isolating a server through {@link Network}. */
class RuntimeControlTests {

    @InProcessServer
    HarnessServer db;

    @InProcessServer
    HarnessServer cache;

    @SimulatedLink(targetServer = "db")
    TcpLink toDb;

    @SimulatedLink(targetServer = "cache")
    TcpLink toCache;

    @Test
    void cutRefusesNewConnectionsAndHealRestoresThem() throws IOException {
        toDb.cut();
        assertThat(toDb).isCut();
        assertThatThrownBy(() -> Clients.roundTrip(toDb.address(), "x")).isInstanceOf(IOException.class);
        toDb.heal();
        assertThat(toDb).isNotCut();
        assertThat(Clients.roundTrip(toDb.address(), "back")).isEqualTo("back");
    }

    @Test
    void profileChangesApplyWhileConnected() throws IOException {
        try (Socket client = Clients.connect(toDb.address())) {
            assertThat(Clients.roundTrip(client, "fast")).isEqualTo("fast");
            LinkProfile slow = LinkProfile.PERFECT.withLatency(Latency.of(Duration.ofMillis(50)));
            toDb.profile(Direction.UPSTREAM, slow);
            assertThat(toDb.profile(Direction.UPSTREAM)).isEqualTo(slow);
            assertThat(Clients.roundTrip(client, "slow")).isEqualTo("slow");
        }
        // The second chunk went through the 50 ms profile: the largest upstream delay shows it.
        assertThat(toDb).upstream().hasDelayPercentileBetween(100, Duration.ofMillis(50), Duration.ofSeconds(5));
    }

    @Test
    void outageHealsOnlyItsOwnLinks(Network network) throws IOException {
        network.cut("toCache");
        try (Outage outage = network.isolate("db")) {
            assertThat(outage.links()).containsExactly(toDb);
            assertThat(toDb).isCut();
        }
        assertThat(toDb).isNotCut();
        assertThat(toCache).as("cut separately, still cut").isCut();
        assertThat(Clients.roundTrip(toDb.address(), "back")).isEqualTo("back");
    }

    @Test
    void isolateSeveralServersAtOnce(Network network) {
        assertThat(network.isolate("db", "cache").links()).containsExactlyInAnyOrder(toDb, toCache);
        assertThat(toDb).isCut();
        assertThat(toCache).isCut();
    }

    @Test
    void networkIsolatesAServerAndHeals(Network network) throws IOException {
        assertThat(network.isolate("db").links()).containsExactly(toDb);
        assertThat(toDb).isCut();
        assertThat(toCache).isNotCut();
        assertThat(Clients.roundTrip(toCache.address(), "still up")).isEqualTo("still up");
        network.heal();
        assertThat(toDb).isNotCut();
        assertThat(Clients.roundTrip(toDb.address(), "healed")).isEqualTo("healed");
    }

    @Test
    void networkFindsLinksByName(Network network, @SimulatedLink(name = "extra", targetServer = "db") TcpLink extra) {
        assertThat(network.link("toDb")).isSameAs(toDb);
        assertThat(network.link("extra")).isSameAs(extra);
        assertThat(network.links()).containsExactlyInAnyOrder(toDb, toCache, extra);
        network.cut("toCache", "extra");
        assertThat(network.links()).filteredOn(io.netharness.simulator.Link::isCut).containsExactlyInAnyOrder(toCache, extra);
    }

    @Test
    void networkNamesWhatExistsWhenANameIsWrong(Network network) {
        assertThatIllegalArgumentException().isThrownBy(() -> network.cut("toDb", "toDB"))
                .withMessage("no link named \"toDB\" (links: \"toCache\", \"toDb\")");
        assertThat(toDb).as("nothing is cut when a name is wrong").isNotCut();
        assertThatIllegalArgumentException().isThrownBy(() -> network.isolate("db", "dB"))
                .withMessage("no link leads to a server named \"dB\" (links lead to the servers \"cache\", \"db\";"
                        + " in-process servers: \"cache\", \"db\")");
        assertThat(toDb).as("nothing is cut when a name is wrong").isNotCut();
    }

    @Test
    void splitKeepsTheTestWithItsGroupAndCutsTheRest(Network network) throws IOException {
        try (Outage outage = network.split(Set.of(Network.TEST, "db"), Set.of("cache"))) {
            assertThat(outage.links()).containsExactly(toCache);
            assertThat(toCache).isCut();
            assertThat(Clients.roundTrip(toDb.address(), "same side")).isEqualTo("same side");
        }
        assertThat(toCache).isNotCut();
        assertThat(Clients.roundTrip(toCache.address(), "healed")).isEqualTo("healed");
    }

    @Test
    void splitNamesTheNodesThereAreWhenANameIsWrong(Network network) {
        assertThatIllegalArgumentException().isThrownBy(() -> network.split(Set.of("db"), Set.of("cashe")))
                .withMessageMatching("node: 'cashe' \\(expected: one of \\[the test, (db, cache|cache, db)]\\)");
        assertThat(network.links()).as("nothing is cut when a name is wrong")
                .noneMatch(io.netharness.simulator.Link::isCut);
    }
}
