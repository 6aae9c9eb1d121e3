package io.netharness.simulator;

import static io.netharness.simulator.TcpTests.await;
import static io.netharness.simulator.TcpTests.awaitEnd;
import static io.netharness.simulator.TcpTests.connect;
import static io.netharness.simulator.TcpTests.readExactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start, state, statistics and clean-up of a TcpLink. */
class TcpLinkLifecycleTest {

    @Test
    void toStringShowsTheState() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.ECHO)) {
            TcpLink link = TcpLink.to(server.address());
            assertThat(link).hasToString("TcpLink{new}");
            link.start();
            assertThat(link).hasToString("TcpLink{127.0.0.1:" + link.address().getPort() + " -> 127.0.0.1:"
                    + server.port() + "}");
            link.cut();
            assertThat(link.toString()).endsWith(", cut}");
            link.close();
            assertThat(link).hasToString("TcpLink{closed}");
        }
    }

    @Test
    void startIsIdempotentAndCloseIsFinal() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.ECHO)) {
            TcpLink link = TcpLink.builder().target(server.address()).seed(42).build();
            assertThatThrownBy(link::address).isInstanceOf(IllegalStateException.class)
                    .hasMessage("TcpLink{new} has no address: call start() first");
            assertThat(link.start()).isSameAs(link);
            InetSocketAddress address = link.address();
            assertThat(link.start().address()).isEqualTo(address);
            assertThat(address.getAddress().isLoopbackAddress()).isTrue();
            assertThat(link.seed()).isEqualTo(42);
            assertThat(link.target()).isEqualTo(server.address());

            link.close();
            link.close();
            assertThatThrownBy(link::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("TcpLink{closed} cannot be restarted after close()");
            assertThatThrownBy(() -> connect(address)).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> link.addFault(Direction.UPSTREAM, ConnectionFault.blackhole()))
                    .isInstanceOf(IllegalStateException.class).hasMessage("TcpLink{closed} takes no faults after close()");
        }
    }

    @Test
    void closeWithoutStartIsAllowed() {
        TcpLink link = TcpLink.to(9);
        link.close();
        assertThat(link).hasToString("TcpLink{closed}");
    }

    @Test
    void withoutASeedTheLinkDrawsOneAndReportsIt() {
        TcpLink first = TcpLink.to(9);
        TcpLink second = TcpLink.to(9);
        assertThat(first.seed()).isNotEqualTo(second.seed());
    }

    @Test
    void aBuilderWithoutTargetOrWithBadSettingsIsRefused() {
        assertThatThrownBy(() -> TcpLink.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("TcpLink.builder() requires target(...)");
        assertThatThrownBy(() -> TcpLink.builder().target(9).bufferBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bufferBytes: 0 (expected: >= 1)");
        assertThatThrownBy(() -> TcpLink.builder().target(9)
                .retransmissionTimeout(Duration.ZERO, Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retransmissionTimeout.initial: 0ms (expected: > 0)");
        assertThatThrownBy(() -> TcpLink.builder().target(9)
                .retransmissionTimeout(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retransmissionTimeout.max: 1s (expected: >= initial 2s)");
    }

    @Test
    void closeEndsOpenConnectionsReleasesHeldDataAndStopsItsEventLoops() throws Exception {
        LinkProfile slow = LinkProfile.builder().latency(Latency.of(Duration.ofSeconds(5))).build();
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.HOLD)) {
            TcpLink link = TcpLink.builder().target(server.address()).upstream(slow).build().start();
            try (Socket client = connect(link.address())) {
                client.getOutputStream().write(new byte[100_000]);
                Socket accepted = server.nextConnection();
                accepted.setSoTimeout(10_000);
                await("the link holds the data", () -> link.statistics().upstream().bytesIn() == 100_000);
                await("the connection is open", () -> link.openConnections() == 1);
                EventLoopGroup loops = link.eventLoops();

                link.close();
                assertThat(link.openConnections()).isZero();
                assertThat(loops.isTerminated()).as("the link's own event loops stopped").isTrue();
                assertThat(awaitEnd(client)).isEqualTo("eof");
                assertThat(awaitEnd(accepted)).isEqualTo("eof");
                assertThat(link.statistics().upstream().bytesDelivered()).isZero();
                // The 100 kB held in the delay line are released: the leak detector would fail this test.
            }
        }
    }

    @Test
    void closeReleasesThePortAtOnceWhetherTheLinkListensOrRefuses() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.ECHO)) {
            for (boolean refusing : new boolean[] {false, true}) {
                TcpLink.Builder builder = TcpLink.builder().target(server.address());
                TcpLink link = (refusing ? builder.fault(ConnectionFault.refuse()) : builder).build().start();
                InetSocketAddress address = link.address();
                link.close();
                try (ServerSocket reuse = new ServerSocket()) {
                    reuse.setReuseAddress(false);
                    reuse.bind(address);
                    assertThat(reuse.getLocalPort()).as("refusing: %s", refusing).isEqualTo(address.getPort());
                }
            }
        }
    }

    @Test
    void aLinkWhosePortIsTakenFailsToStartNamingThePortAndStopsItsEventLoops() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.ECHO);
                ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress port = (InetSocketAddress) taken.getLocalSocketAddress();
            TcpLink link = TcpLink.builder().target(server.address()).listen(port).build();
            assertThatThrownBy(link::start).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(String.valueOf(port.getPort()));
            EventLoopGroup loops = link.eventLoops();
            assertThat(loops).isNotNull();
            assertThat(loops.isTerminated()).as("the link's own event loops stopped").isTrue();
            link.close();
        }
    }

    @Test
    void aSuppliedEventLoopGroupIsUsedAndNotShutDown() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.ECHO)) {
            try (TcpLink link = TcpLink.builder().target(server.address()).eventLoopGroup(group).build().start();
                    Socket client = connect(link.address())) {
                client.getOutputStream().write("nio".getBytes(StandardCharsets.US_ASCII));
                assertThat(readExactly(client, 3)).asString(StandardCharsets.US_ASCII).isEqualTo("nio");
                assertThat(link.eventLoops()).isSameAs(group);
            }
            assertThat(group.isShuttingDown()).isFalse();
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void statisticsCountBytesAndChunksPerDirection() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.ECHO);
                TcpLink link = TcpLink.builder().target(server.address()).seed(3)
                        .profile(LinkProfile.builder().latency(Latency.of(Duration.ofMillis(5))).build()).build().start();
                Socket client = connect(link.address())) {
            for (int i = 0; i < 10; i++) {
                client.getOutputStream().write(new byte[100]);
                readExactly(client, 100);
            }
            LinkStatistics statistics = link.statistics();
            for (DirectionStatistics direction : new DirectionStatistics[] {statistics.upstream(), statistics.downstream()}) {
                assertThat(direction.bytesIn()).isEqualTo(1000);
                assertThat(direction.bytesDelivered()).isEqualTo(1000);
                assertThat(direction.datagramsIn()).as("chunks in").isBetween(10L, 1000L);
                assertThat(direction.delivered()).isEqualTo(direction.datagramsIn());
                assertThat(direction.dropped()).isZero();
                assertThat(direction.delays().count()).isEqualTo(direction.delivered());
                assertThat(direction.delays().min()).isGreaterThanOrEqualTo(Duration.ofMillis(5));
            }
            assertThat(statistics.toString()).contains("1000 bytes");
            assertThat(link.retransmissionStalls(Direction.UPSTREAM)).isZero();
        }
    }

    @Test
    void aLinkCanListenOnIpv6Loopback() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.ECHO);
                TcpLink link = TcpLink.builder().target(server.address())
                        .listen(new InetSocketAddress("::1", 0)).build().start();
                Socket client = connect(link.address())) {
            assertThat(link.toString()).startsWith("TcpLink{[::1]:" + link.address().getPort() + " -> 127.0.0.1:");
            client.getOutputStream().write("six".getBytes(StandardCharsets.US_ASCII));
            assertThat(readExactly(client, 3)).asString(StandardCharsets.US_ASCII).isEqualTo("six");
        }
    }
}
