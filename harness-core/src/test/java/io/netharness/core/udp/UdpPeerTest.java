package io.netharness.core.udp;

import static io.netharness.core.Await.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.core.Await;
import io.netharness.core.Chunk;
import io.netharness.core.Lifecycle;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** UDP in all three addressing styles, over real loopback sockets. */
class UdpPeerTest {

    @Test
    void fixedTargetPeerSendsToItsTargetAndReceivesRepliesWithSender() throws Exception {
        try (UdpPostboxPeer server = UdpPostboxPeer.builder().build()) {
            server.start();
            try (UdpPeer client = UdpPeer.to(server.address())) {
                client.start();
                client.inbox().put(Chunk.ofUtf8("ping"));

                Datagram request = server.outbox().take(TIMEOUT);
                assertThat(request.text()).isEqualTo("ping");
                assertThat(request.sender()).isEqualTo(client.address());
                assertThat(request.recipient().getPort()).isEqualTo(server.address().getPort());

                server.inbox().put(request.reply(Chunk.ofUtf8("pong")));
                Datagram reply = client.outbox().take(TIMEOUT);
                assertThat(reply.text()).isEqualTo("pong");
                assertThat(reply.sender()).isEqualTo(server.address());
                assertThat(client.hasFixedTarget()).isTrue();
                assertThat(client).hasToString("UdpPeer{" + "127.0.0.1:" + client.address().getPort()
                        + "->127.0.0.1:" + server.address().getPort() + "}");
            }
        }
    }

    @Test
    void fixedTargetCannotBeChanged() {
        InetSocketAddress somewhere = new InetSocketAddress("127.0.0.1", 9);
        try (UdpPeer peer = UdpPeer.to(somewhere)) {
            assertThatThrownBy(() -> peer.retarget(new InetSocketAddress("127.0.0.1", 10)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("UdpPeer's target 127.0.0.1:9 is fixed; build it with target(...) instead of"
                            + " fixedTarget(...) to change it at run time");
            assertThat(peer.target()).contains(somewhere);
        }
    }

    @Test
    void retargetSendsLaterChunksToTheNewTargetAndEarlierOnesToTheOld() throws Exception {
        try (UdpPostboxPeer first = UdpPostboxPeer.builder().build();
                UdpPostboxPeer second = UdpPostboxPeer.builder().build()) {
            first.start();
            second.start();
            try (UdpPeer peer = UdpPeer.builder().target(first.address()).build()) {
                peer.start();
                for (int i = 0; i < 50; i++) {
                    peer.inbox().put(Chunk.ofUtf8("a" + i));
                }
                peer.retarget(second.address());
                for (int i = 0; i < 50; i++) {
                    peer.inbox().put(Chunk.ofUtf8("b" + i));
                }

                for (int i = 0; i < 50; i++) {
                    assertThat(first.outbox().take(TIMEOUT).text()).isEqualTo("a" + i);
                }
                for (int i = 0; i < 50; i++) {
                    assertThat(second.outbox().take(TIMEOUT).text()).isEqualTo("b" + i);
                }
                assertThat(first.outbox().size()).isZero();
                assertThat(peer.target()).contains(second.address());
            }
        }
    }

    @Test
    void peerWithoutTargetRefusesToSendUntilRetargeted() throws Exception {
        try (UdpPostboxPeer server = UdpPostboxPeer.builder().build(); UdpPeer peer = UdpPeer.builder().build()) {
            server.start();
            peer.start();
            assertThatThrownBy(() -> peer.inbox().offer(Chunk.ofUtf8("nowhere")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("UdpPeer has no target: build it with target(...) or call retarget(...) before sending");

            peer.retarget(server.address());
            peer.inbox().put(Chunk.ofUtf8("somewhere"));
            assertThat(server.outbox().take(TIMEOUT).text()).isEqualTo("somewhere");
        }
    }

    @Test
    void postboxSendsEachDatagramToItsOwnRecipient() throws Exception {
        try (UdpPostboxPeer hub = UdpPostboxPeer.builder().build();
                UdpPeer a = UdpPeer.builder().build();
                UdpPeer b = UdpPeer.builder().build()) {
            hub.start();
            a.start();
            b.start();
            hub.inbox().put(Datagram.to(a.address(), "for a"));
            hub.inbox().put(Datagram.to(b.address(), "for b"));
            hub.inbox().put(Datagram.to(a.address(), "again a"));

            Datagram first = a.outbox().take(TIMEOUT);
            assertThat(first.text()).isEqualTo("for a");
            assertThat(first.sender()).isEqualTo(hub.address());
            assertThat(a.outbox().take(TIMEOUT).text()).isEqualTo("again a");
            assertThat(b.outbox().take(TIMEOUT).text()).isEqualTo("for b");
        }
    }

    @Test
    void largestIpv4DatagramArrivesWhole() throws Exception {
        byte[] payload = new byte[Datagram.MAX_IPV4_PAYLOAD];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        try (UdpPostboxPeer server = UdpPostboxPeer.builder().build()) {
            server.start();
            try (UdpPeer client = UdpPeer.to(server.address())) {
                client.start();
                client.inbox().put(Chunk.of(payload));

                Datagram received = server.outbox().take(TIMEOUT);
                assertThat(received.content().size()).isEqualTo(payload.length);
                assertThat(Arrays.equals(received.content().toByteArray(), payload)).isTrue();
            }
        }
    }

    @Test
    void worksOverIpv6Loopback() throws Exception {
        InetSocketAddress any6 = new InetSocketAddress("::1", 0);
        try (UdpPostboxPeer server = UdpPostboxPeer.builder().bindAddress(any6).build()) {
            server.start();
            try (UdpPeer client = UdpPeer.builder().bindAddress(any6).fixedTarget(server.address()).build()) {
                client.start();
                client.inbox().put(Chunk.ofUtf8("six"));

                Datagram received = server.outbox().take(TIMEOUT);
                assertThat(received.text()).isEqualTo("six");
                assertThat(received.sender()).isEqualTo(client.address());
            }
        }
    }

    @Test
    void producerFinishedSendsQueuedDatagramsThenClosesAndPassesItOn() throws Exception {
        try (UdpPostboxPeer server = UdpPostboxPeer.builder().build()) {
            server.start();
            UdpPeer client = UdpPeer.to(server.address());
            client.start();
            for (int i = 0; i < 20; i++) {
                client.inbox().put(Chunk.ofUtf8("n" + i));
            }
            client.control().put(new Lifecycle.ProducerFinished());

            assertThat(client.signal().take(TIMEOUT)).isEqualTo(new Lifecycle.ProducerFinished());
            assertThatThrownBy(() -> client.inbox().put(Chunk.ofUtf8("after the end")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("inbox 'UdpPeer.inbox' is closed: UdpPeer has finished (ProducerFinished)");
            for (int i = 0; i < 20; i++) {
                assertThat(server.outbox().take(TIMEOUT).text()).isEqualTo("n" + i);
            }
            assertThat(client.isOpen()).isFalse();
            client.close();
            assertThat(client).hasToString("UdpPeer{closed}");
        }
    }

    @Test
    void fullOutboxPausesReadingWithoutLosingWhatWasRead() throws Exception {
        DatagramSettings small = DatagramSettings.defaults().withBoxCapacity(4);
        try (UdpPostboxPeer server = UdpPostboxPeer.builder().settings(small).build()) {
            server.start();
            try (UdpPeer client = UdpPeer.to(server.address())) {
                client.start();
                int count = 40; // well within the kernel's receive buffer, so none may be lost
                for (int i = 0; i < count; i++) {
                    client.inbox().put(Chunk.ofUtf8("d" + i));
                }
                for (int i = 0; i < count; i++) {
                    assertThat(server.outbox().size()).isLessThanOrEqualTo(4);
                    assertThat(server.outbox().take(TIMEOUT).text()).isEqualTo("d" + i);
                }
            }
        }
    }

    @Test
    void targetsInboxRetargetsByMessage() throws Exception {
        try (UdpPostboxPeer first = UdpPostboxPeer.builder().build();
                UdpPostboxPeer second = UdpPostboxPeer.builder().build()) {
            first.start();
            second.start();
            try (UdpPeer peer = UdpPeer.builder().target(first.address()).build()) {
                peer.start();
                peer.inbox().put(Chunk.ofUtf8("one"));
                assertThat(first.outbox().take(TIMEOUT).text()).isEqualTo("one");

                peer.targets().put(second.address());
                Await.until("the new target is taken", () -> peer.target().orElseThrow().equals(second.address()));
                peer.inbox().put(Chunk.ofUtf8("two"));

                assertThat(second.outbox().take(TIMEOUT).text()).isEqualTo("two");
            }
        }
        try (UdpPeer fixed = UdpPeer.to(new InetSocketAddress("127.0.0.1", 9))) {
            assertThatThrownBy(() -> fixed.targets().offer(new InetSocketAddress("127.0.0.1", 10)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is fixed");
        }
    }
}
