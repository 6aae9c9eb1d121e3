package io.netharness.core.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.core.Await;
import io.netharness.core.Chunk;
import io.netharness.core.Lifecycle;
import io.netharness.core.Lifecycle;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Bad input to UDP components gives a clear error at the source, never a silent drop or a hang. */
class UdpFailureTest {

    @Test
    void oversizedDatagramIsRefusedNamingSizeAndLimit() throws Exception {
        try (UdpPostboxPeer server = UdpPostboxPeer.builder().build()) {
            server.start();
            try (UdpPeer client = UdpPeer.to(server.address())) {
                client.start();
                Chunk tooBig = Chunk.of(new byte[Datagram.MAX_IPV4_PAYLOAD + 1]);

                assertThatThrownBy(() -> client.inbox().put(tooBig))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("datagram: 65508 bytes to 127.0.0.1:" + server.address().getPort()
                                + " (expected: 0-65507, the largest UDP payload over IPv4)");
                assertThat(client.inbox().size()).isZero();

                // The peer is still usable after refusing.
                client.inbox().put(Chunk.ofUtf8("fits"));
                assertThat(server.outbox().take(io.netharness.core.Await.TIMEOUT).text()).isEqualTo("fits");
            }
        }
    }

    @Test
    void oversizedDatagramIsRefusedByPostbox() {
        try (UdpPostboxPeer peer = UdpPostboxPeer.builder().build()) {
            Datagram tooBig = Datagram.to(new InetSocketAddress("127.0.0.1", 9), Chunk.of(new byte[70_000]));
            assertThatThrownBy(() -> peer.inbox().offer(tooBig))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("datagram: 70000 bytes to 127.0.0.1:9 (expected: 0-65507, the largest UDP payload over IPv4)");
        }
    }

    @Test
    void recipientOfTheOtherFamilyOrPortZeroIsRefused() {
        try (UdpPostboxPeer peer = UdpPostboxPeer.builder().build()) {
            assertThatThrownBy(() -> peer.inbox().offer(Datagram.to(new InetSocketAddress("::1", 9), "x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("recipient: [::1]:9 (expected: an IPv4 address, as UdpPostboxPeer is bound to 127.0.0.1:0)");
            assertThatThrownBy(() -> peer.inbox().offer(Datagram.to(new InetSocketAddress("127.0.0.1", 0), "x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("recipient port: 0 (expected: 1-65535)");
        }
    }

    @Test
    void bindingPortInUseFailsNamingAddress() throws Exception {
        try (UdpPostboxPeer first = UdpPostboxPeer.builder().build()) {
            first.start();
            int port = first.address().getPort();
            UdpPeer second = UdpPeer.builder().port(port).build();
            assertThatThrownBy(second::start)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("cannot bind 127.0.0.1:" + port + ": ")
                    .hasMessageContaining("in use")
                    .cause().isNotNull();
            assertThat(second).hasToString("UdpPeer{closed}");
            assertThatThrownBy(() -> second.inbox().offer(Chunk.ofUtf8("x")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not bind");
            second.close();
        }
    }

    @Test
    void sendingAfterCloseThrows() {
        UdpPeer peer = UdpPeer.to(new InetSocketAddress("127.0.0.1", 9));
        peer.start();
        peer.close();

        assertThatThrownBy(() -> peer.inbox().put(Chunk.ofUtf8("too late")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("inbox 'UdpPeer.inbox' is closed: UdpPeer is closed");
        assertThatThrownBy(peer::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("UdpPeer is closed and cannot be started again; create a new one");
    }

    @Test
    void localAddressBeforeStartIsAClearError() {
        try (UdpPeer peer = UdpPeer.builder().build()) {
            assertThatThrownBy(peer::address)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot read the address: UdpPeer is not started");
            assertThat(peer).hasToString("UdpPeer{new}");
        }
    }

    @Test
    void datagramsQueuedWhenClosedUnstartedAreReportedNotDropped() throws Exception {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", 9);
        UdpPeer peer = UdpPeer.to(target);
        for (int i = 0; i < 3; i++) {
            peer.inbox().put(Chunk.ofUtf8("queued " + i));
        }

        peer.close();

        for (int i = 0; i < 3; i++) {
            Lifecycle.SendFailed failed = (Lifecycle.SendFailed) peer.signal().take(Await.TIMEOUT);
            assertThat(failed.recipient()).isEqualTo(target);
            assertThat(failed.bytes()).isEqualTo(8);
            assertThat(failed.cause()).hasMessage("UdpPeer was closed without being started before sending it");
        }
        assertThat(peer.signal().poll()).isNull();
    }

    /** Shut down while sending: every datagram either arrives or is signalled as not sent. */
    @Test
    void everyDatagramIsDeliveredOrReportedWhenShutDownMidStream() throws Exception {
        int count = 100;
        try (UdpPostboxPeer server = UdpPostboxPeer.builder().build()) {
            server.start();
            try (UdpPeer client = UdpPeer.to(server.address())) {
                client.start();
                for (int i = 0; i < count; i++) {
                    client.inbox().put(Chunk.ofUtf8("d" + i));
                }
                client.control().put(new Lifecycle.ServerShutdown());

                int received = 0;
                int failed = 0;
                long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
                while (received + failed < count && System.nanoTime() < deadline) {
                    if (server.outbox().poll(java.time.Duration.ofMillis(20)) != null) {
                        received++;
                    }
                    Lifecycle signal;
                    while ((signal = client.signal().poll()) != null) {
                        assertThat(signal).isInstanceOf(Lifecycle.SendFailed.class);
                        failed++;
                    }
                }
                assertThat(received + failed).as("received %d, reported %d", received, failed).isEqualTo(count);
            }
        }
    }

    /**
     * The socket's event loop is held while a shutdown and then datagrams are queued, so the shutdown is
     * handled first: none can be sent, and each is reported with its recipient instead of vanishing.
     */
    @Test
    void datagramsLeftWhenTheSocketClosesAreReported() throws Exception {
        io.netty.channel.EventLoopGroup group = io.netharness.core.Transport.newEventLoopGroup(1, "udp-failure-test");
        try (UdpPostboxPeer server = UdpPostboxPeer.builder().build();
                UdpPeer client = UdpPeer.builder().settings(DatagramSettings.defaults().withEventLoopGroup(group)).build()) {
            server.start();
            client.start();
            client.retarget(server.address());
            java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
            group.execute(() -> {
                try {
                    hold.await(); // released below, within the test's own bounded wait
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            client.control().put(new Lifecycle.ServerShutdown());
            for (int i = 0; i < 5; i++) {
                client.inbox().put(Chunk.ofUtf8("late " + i));
            }
            hold.countDown();

            for (int i = 0; i < 5; i++) {
                Lifecycle.SendFailed failed = (Lifecycle.SendFailed) client.signal().take(Await.TIMEOUT);
                assertThat(failed.recipient()).isEqualTo(server.address());
                assertThat(failed.cause()).hasMessage("UdpPeer closed its socket before sending it");
            }
            assertThat(server.outbox().poll()).isNull();
            assertThatThrownBy(() -> client.inbox().put(Chunk.ofUtf8("after")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("inbox 'UdpPeer.inbox' is closed: UdpPeer's socket is closed");
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
