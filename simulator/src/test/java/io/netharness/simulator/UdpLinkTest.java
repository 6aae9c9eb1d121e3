package io.netharness.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netharness.simulator.profile.Mtu;
import io.netharness.simulator.profile.Reordering;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UdpLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(200);

    @Test
    void perfectLinkRelaysBothWaysAndRepliesComeFromTheLinkAddress() throws Exception {
        try (UdpPeer server = UdpPeer.echoServer(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(server.address()).seed(1).build().start()) {
            client.send("hello".getBytes(UTF_8), link.address());

            UdpPeer.Received reply = client.poll(WAIT);

            assertThat(reply).isNotNull();
            assertThat(new String(reply.data(), UTF_8)).isEqualTo("hello");
            assertThat(reply.sender()).isEqualTo(link.address());
            Waiting.until("statistics of both directions", WAIT,
                    () -> link.statistics().downstream().delivered() == 1);
            LinkStatistics stats = link.statistics();
            assertThat(stats.upstream().datagramsIn()).isEqualTo(1);
            assertThat(stats.upstream().bytesDelivered()).isEqualTo(5);
            assertThat(stats.downstream().datagramsIn()).isEqualTo(1);
        }
    }

    @Test
    void worksOverIpv6Loopback() throws Exception {
        try (java.net.DatagramSocket server = new java.net.DatagramSocket(new InetSocketAddress("::1", 0));
                java.net.DatagramSocket client = new java.net.DatagramSocket(new InetSocketAddress("::1", 0));
                UdpLink link = UdpLink.builder().target((InetSocketAddress) server.getLocalSocketAddress())
                        .listen(new InetSocketAddress("::1", 0)).build().start()) {
            server.setSoTimeout(10_000);
            client.setSoTimeout(10_000);
            byte[] data = "six".getBytes(UTF_8);
            client.send(new java.net.DatagramPacket(data, data.length, link.address()));
            java.net.DatagramPacket got = new java.net.DatagramPacket(new byte[16], 16);
            server.receive(got);
            assertThat(new String(got.getData(), 0, got.getLength(), UTF_8)).isEqualTo("six");
            server.send(new java.net.DatagramPacket(data, data.length, got.getSocketAddress()));
            java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[16], 16);
            client.receive(reply);
            assertThat(reply.getSocketAddress()).isEqualTo(link.address());
        }
    }

    @Test
    void eachClientGetsItsOwnSessionAndOnlyItsOwnReplies() throws Exception {
        try (UdpPeer server = UdpPeer.echoServer(); UdpPeer a = UdpPeer.receiver(); UdpPeer b = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(server.address()).build().start()) {
            for (int i = 0; i < 5; i++) {
                a.send(("a" + i).getBytes(UTF_8), link.address());
                b.send(("b" + i).getBytes(UTF_8), link.address());
            }
            List<String> atA = new ArrayList<>();
            List<String> atB = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                atA.add(new String(a.poll(WAIT).data(), UTF_8));
                atB.add(new String(b.poll(WAIT).data(), UTF_8));
            }
            assertThat(atA).containsExactly("a0", "a1", "a2", "a3", "a4");
            assertThat(atB).containsExactly("b0", "b1", "b2", "b3", "b4");
            assertThat(link.sessions()).isEqualTo(2);
        }
    }

    @Test
    void cutDropsBothWaysAndHealRestores() throws Exception {
        try (UdpPeer server = UdpPeer.echoServer(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(server.address()).build().start()) {
            link.cut();
            assertThat(link.isCut()).isTrue();
            assertThat(link.toString()).endsWith(", cut}");
            client.send("lost".getBytes(UTF_8), link.address());
            Waiting.until("the datagram to be dropped", WAIT, () -> link.statistics().upstream().dropped() == 1);
            assertThat(client.poll(QUIET)).isNull();
            assertThat(server.count()).isZero();
            assertThat(link.sessions()).isZero();

            link.heal();
            client.send("back".getBytes(UTF_8), link.address());
            assertThat(new String(client.poll(WAIT).data(), UTF_8)).isEqualTo("back");
        }
    }

    @Test
    void cutDropExistingDiscardsDelayedDatagramsAndForgetsSessions() throws Exception {
        LinkProfile slow = LinkProfile.builder().latency(Latency.of(Duration.ofSeconds(5))).build();
        try (UdpPeer server = UdpPeer.echoServer(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(server.address()).upstream(slow).build().start()) {
            client.send("delayed".getBytes(UTF_8), link.address());
            Waiting.until("the datagram to be queued", WAIT, () -> link.inFlight() == 1);
            assertThat(link.sessions()).isEqualTo(1);

            link.cut(CutMode.DROP_EXISTING);

            assertThat(link.inFlight()).isZero();
            assertThat(link.sessions()).isZero();
            assertThat(link.statistics().upstream().dropped()).isEqualTo(1);
            assertThat(link.statistics().upstream().delivered()).isZero();
        }
    }

    @Test
    void profileChangesAtRunTime() throws Exception {
        try (UdpPeer server = UdpPeer.echoServer(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(server.address()).build().start()) {
            client.send("one".getBytes(UTF_8), link.address());
            assertThat(client.poll(WAIT)).isNotNull();

            LinkProfile blackhole = LinkProfile.builder().loss(Loss.random(1.0)).build();
            link.profile(Direction.UPSTREAM, blackhole);
            assertThat(link.profile(Direction.UPSTREAM)).isEqualTo(blackhole);
            assertThat(link.profile(Direction.DOWNSTREAM)).isEqualTo(LinkProfile.PERFECT);
            client.send("two".getBytes(UTF_8), link.address());
            Waiting.until("the loss", WAIT, () -> link.statistics().upstream().dropped() == 1);
            assertThat(client.poll(QUIET)).isNull();

            link.profile(LinkProfile.PERFECT);
            client.send("three".getBytes(UTF_8), link.address());
            assertThat(new String(client.poll(WAIT).data(), UTF_8)).isEqualTo("three");
        }
    }

    @Test
    void duplicationSendsTwoCopies() throws Exception {
        LinkProfile twice = LinkProfile.builder().duplication(new Duplication(1.0, 0.0)).build();
        try (UdpPeer target = UdpPeer.receiver(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(target.address()).upstream(twice).build().start()) {
            client.send("dup".getBytes(UTF_8), link.address());

            assertThat(new String(target.poll(WAIT).data(), UTF_8)).isEqualTo("dup");
            assertThat(new String(target.poll(WAIT).data(), UTF_8)).isEqualTo("dup");
            assertThat(link.statistics().upstream().duplicated()).isEqualTo(1);
            assertThat(link.statistics().upstream().delivered()).isEqualTo(2);
        }
    }

    @Test
    void corruptionFlipsExactlyOneBit() throws Exception {
        LinkProfile corrupt = LinkProfile.builder().corruption(new Corruption(1.0)).build();
        byte[] sent = new byte[64];
        try (UdpPeer target = UdpPeer.receiver(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(target.address()).upstream(corrupt).seed(7).build().start()) {
            client.send(sent, link.address());

            byte[] got = target.poll(WAIT).data();

            assertThat(got).hasSize(64);
            int differingBits = 0;
            for (int i = 0; i < 64; i++) {
                differingBits += Integer.bitCount((got[i] ^ sent[i]) & 0xff);
            }
            assertThat(differingBits).isEqualTo(1);
            assertThat(link.statistics().upstream().corrupted()).isEqualTo(1);
        }
    }

    @Test
    void mtuTruncatesOrDropsOversizedDatagrams() throws Exception {
        LinkProfile truncate = LinkProfile.builder().mtu(new Mtu(576, Mtu.OversizeAction.TRUNCATE)).build();
        try (UdpPeer target = UdpPeer.receiver(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(target.address()).upstream(truncate).build().start()) {
            client.send(new byte[1000], link.address());
            assertThat(target.poll(WAIT).data()).hasSize(576 - 28);
            assertThat(link.statistics().upstream().truncated()).isEqualTo(1);

            link.profile(Direction.UPSTREAM, LinkProfile.builder().mtu(Mtu.of(576)).build());
            client.send(new byte[1000], link.address());
            client.send(new byte[548], link.address());
            assertThat(target.poll(WAIT).data()).hasSize(548);
            assertThat(link.statistics().upstream().dropped()).isEqualTo(1);
        }
    }

    @Test
    void largestDatagramPassesWhole() throws Exception {
        byte[] big = new byte[65_507];
        big[65_506] = 42;
        try (UdpPeer target = UdpPeer.receiver(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(target.address()).build().start()) {
            client.send(big, link.address());
            assertThat(target.poll(WAIT).data()).isEqualTo(big);
        }
    }

    @Test
    void reorderingLetsALaterDatagramOvertake() throws Exception {
        LinkProfile reorder = LinkProfile.builder()
                .reordering(new Reordering(1.0, 1, Duration.ofSeconds(30))).build();
        try (UdpPeer target = UdpPeer.receiver(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(target.address()).upstream(reorder).build().start()) {
            client.send("first".getBytes(UTF_8), link.address());
            Waiting.until("the first datagram to be held", WAIT, () -> link.inFlight() == 1);
            link.profile(Direction.UPSTREAM, LinkProfile.PERFECT);
            client.send("second".getBytes(UTF_8), link.address());

            assertThat(new String(target.poll(WAIT).data(), UTF_8)).isEqualTo("second");
            assertThat(new String(target.poll(WAIT).data(), UTF_8)).isEqualTo("first");
            assertThat(link.statistics().upstream().reordered()).isEqualTo(1);
        }
    }

    @Test
    void aHeldDatagramLeavesAtMaxHoldEvenWithoutMoreTraffic() throws Exception {
        LinkProfile reorder = LinkProfile.builder()
                .reordering(new Reordering(1.0, 3, Duration.ofMillis(50))).build();
        try (UdpPeer target = UdpPeer.receiver(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(target.address()).upstream(reorder).build().start()) {
            long sent = System.nanoTime();
            client.send("alone".getBytes(UTF_8), link.address());

            UdpPeer.Received got = target.poll(WAIT);

            assertThat(new String(got.data(), UTF_8)).isEqualTo("alone");
            assertThat(got.nanoTime() - sent).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
            assertThat(link.statistics().upstream().reordered()).as("nothing overtook it").isZero();
        }
    }

    @Test
    void closeReleasesThePortAndTheThreadAndIsIdempotent() throws Exception {
        InetSocketAddress address;
        AtomicReference<Thread> eventLoop = new AtomicReference<>();
        try (UdpPeer server = UdpPeer.echoServer()) {
            UdpLink link = UdpLink.builder().target(server.address())
                    .upstream(LinkProfile.builder().latency(Latency.of(Duration.ofSeconds(5))).build()).build();
            assertThat(link.toString()).isEqualTo("UdpLink{new}");
            link.start();
            assertThat(link.start()).isSameAs(link);
            address = link.address();
            assertThat(link.toString()).isEqualTo("UdpLink{127.0.0.1:" + address.getPort() + " -> 127.0.0.1:"
                    + server.address().getPort() + "}");
            link.observeFates((direction, bytes, arrival, fate) -> eventLoop.set(Thread.currentThread()));
            try (UdpPeer client = UdpPeer.receiver()) {
                client.send("held in the link".getBytes(UTF_8), link.address());
                Waiting.until("a queued datagram", WAIT, () -> link.inFlight() == 1);
            }

            link.close();
            link.close();

            assertThat(link.toString()).isEqualTo("UdpLink{closed}");
            assertThatThrownBy(link::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("UdpLink{closed} cannot be restarted after close()");
            assertThatThrownBy(link::address).isInstanceOf(IllegalStateException.class);
        }
        try (DatagramSocket rebind = new DatagramSocket(address)) {
            assertThat(rebind.getLocalPort()).isEqualTo(address.getPort());
        }
        assertThat(eventLoop.get().getName()).startsWith("netharness-udplink");
        assertThat(eventLoop.get().isAlive()).as("the link's own event loop thread after close()").isFalse();
    }

    @Test
    void bandwidthSpacesDatagramsAtTheConfiguredRate() throws Exception {
        LinkProfile slow = LinkProfile.builder().bandwidth(Bandwidth.ofBytesPerSecond(100_000)).build();
        try (UdpPeer target = UdpPeer.receiver(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(target.address()).upstream(slow).build().start()) {
            long start = System.nanoTime();
            for (int i = 0; i < 40; i++) {
                client.send(new byte[1000], link.address());
            }
            for (int i = 0; i < 40; i++) {
                assertThat(target.poll(WAIT)).as("datagram %d", i).isNotNull();
            }
            long elapsed = System.nanoTime() - start;
            // 40,000 bytes at 100,000 bytes/s: the last one leaves 0.4 s after the first arrived
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(390).toNanos());
            assertThat(link.statistics().upstream().bytesDelivered()).isEqualTo(40_000);
        }
    }

    @Test
    void aFullQueueTailDrops() throws Exception {
        LinkProfile slow = LinkProfile.builder().latency(Latency.of(Duration.ofSeconds(5))).build();
        try (UdpPeer target = UdpPeer.receiver(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(target.address()).upstream(slow).maxQueued(5).build().start()) {
            for (int i = 0; i < 8; i++) {
                client.send(new byte[10], link.address());
            }
            Waiting.until("all eight to arrive", WAIT, () -> link.statistics().upstream().datagramsIn() == 8);
            assertThat(link.inFlight()).isEqualTo(5);
            assertThat(link.statistics().upstream().dropped()).isEqualTo(3);
        }
    }

    @Test
    void aSuppliedEventLoopGroupIsUsedAndNotShutDown() throws Exception {
        io.netty.channel.EventLoopGroup group = io.netharness.core.Transport.newEventLoopGroup(1, "supplied");
        try (UdpPeer server = UdpPeer.echoServer(); UdpPeer client = UdpPeer.receiver()) {
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            try (UdpLink link = UdpLink.builder().target(server.address()).eventLoopGroup(group).build().start()) {
                link.observeFates((direction, bytes, arrival, fate) -> ranOn.set(Thread.currentThread()));
                client.send("x".getBytes(UTF_8), link.address());
                assertThat(client.poll(WAIT)).isNotNull();
            }
            assertThat(ranOn.get().getName()).startsWith("supplied");
            assertThat(group.isShuttingDown()).isFalse();
        } finally {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void anIdleSessionExpiresLikeANatMappingAndTheNextDatagramOpensANewOne() throws Exception {
        try (UdpPeer target = UdpPeer.receiver(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target(target.address())
                        .sessionIdleTimeout(Duration.ofMillis(100)).build().start()) {
            client.send("one".getBytes(UTF_8), link.address());
            InetSocketAddress firstSession = target.poll(WAIT).sender();
            assertThat(link.sessions()).isEqualTo(1);

            Waiting.until("the session to expire", WAIT, () -> link.sessions() == 0);
            client.send("two".getBytes(UTF_8), link.address());

            assertThat(target.poll(WAIT).sender()).as("a new session's socket").isNotEqualTo(firstSession);
        }
        assertThatThrownBy(() -> UdpLink.builder().sessionIdleTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sessionIdleTimeout: 0ms (expected: > 0)");
    }

    @Test
    void builderRequiresTarget() {
        assertThatThrownBy(() -> UdpLink.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("UdpLink.builder() requires target(...)");
        assertThatThrownBy(() -> UdpLink.builder().maxQueued(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxQueued: 0 (expected: >= 1)");
    }

    @Test
    void closingAnUnstartedLinkCreatesNothing() {
        UdpLink link = UdpLink.to(9);
        link.close();
        assertThat(link.toString()).isEqualTo("UdpLink{closed}");
    }
}
