package io.netharness.core;

import static io.netharness.core.Await.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.core.udp.MulticastReceiver;
import io.netharness.core.udp.MulticastSender;
import io.netharness.core.tcp.ConnectionSettings;
import io.netharness.core.tcp.MultiClientServer;
import io.netharness.core.tcp.SingleClientServer;
import io.netharness.core.tcp.TcpClient;
import io.netharness.core.udp.DatagramSettings;
import io.netharness.core.udp.UdpPeer;
import io.netharness.core.udp.UdpPostboxPeer;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** After close, no component leaves a thread, a listening port or a bound datagram port behind. */
class ResourceReleaseTest {

    @Test
    void closedComponentsReleaseTheirPortsAndThreads() throws Exception {
        String prefix = "release-test-" + ThreadLocalRandom.current().nextInt(1_000_000) + "-";
        EventLoopGroup group = Transport.newEventLoopGroup(2, prefix);
        try {
            ConnectionSettings tcp = ConnectionSettings.defaults().withEventLoopGroup(group);
            DatagramSettings udp = DatagramSettings.defaults().withEventLoopGroup(group);
            MultiClientServer multi = MultiClientServer.builder(info -> StreamComponent.map("echo", (Chunk c) -> c)).bindAddress(new InetSocketAddress("127.0.0.1", 0)).settings(tcp).build();
            SingleClientServer single = SingleClientServer.builder().port(0).settings(tcp).build();
            UdpPostboxPeer postbox = UdpPostboxPeer.builder().settings(udp).build();
            MulticastReceiver receiver = MulticastReceiver.builder(InetAddress.getByName(
                    "239.255." + ThreadLocalRandom.current().nextInt(1, 255) + ".7")).settings(udp).build();
            multi.start();
            single.start();
            postbox.start();
            receiver.start();
            List<TcpClient> clients = new ArrayList<>();
            List<String> clientThreads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TcpClient threaded = TcpClient.builder(multi.address()).settings(tcp).threaded().build();
                TcpClient onLoop = TcpClient.builder(multi.address()).settings(tcp).build();
                clients.add(threaded);
                clients.add(onLoop);
                threaded.start();
                onLoop.start();
                clientThreads.add(TcpClient.THREAD_NAME_PREFIX + threaded.localAddress().getPort() + "-");
                threaded.inbox().put(Chunk.ofUtf8("x"));
                assertThat(Await.readUtf8(threaded.outbox(), 1)).isEqualTo("x");
            }
            UdpPeer peer = UdpPeer.builder().fixedTarget(postbox.address()).settings(udp).build();
            peer.start();
            peer.inbox().put(Chunk.ofUtf8("u"));
            assertThat(postbox.outbox().take(TIMEOUT).text()).isEqualTo("u");
            MulticastSender sender = MulticastSender.builder(receiver.group()).settings(udp).build();
            sender.start();
            sender.inbox().put(Chunk.ofUtf8("m"));
            assertThat(receiver.outbox().take(TIMEOUT).text()).isEqualTo("m");
            int tcpPort = multi.port();
            int singlePort = single.port();
            int udpPort = postbox.address().getPort();
            int peerPort = peer.address().getPort();
            assertThat(liveThreadsStartingWith(clientThreads)).hasSize(6);

            clients.forEach(TcpClient::close);
            multi.close();
            single.close();
            peer.close();
            postbox.close();
            sender.close();
            receiver.close();

            assertThat(liveThreadsStartingWith(clientThreads)).isEmpty();
            rebindTcp(tcpPort);
            rebindTcp(singlePort);
            rebindUdp(udpPort);
            rebindUdp(peerPort);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        Await.until("the event loop threads end", () -> liveThreadsStartingWith(List.of(prefix)).isEmpty());
    }

    @Test
    void failedBindLeavesNoThreadOrSocket() throws Exception {
        try (UdpPostboxPeer holder = UdpPostboxPeer.builder().build()) {
            holder.start();
            int port = holder.address().getPort();
            for (int i = 0; i < 20; i++) {
                UdpPeer clash = UdpPeer.builder().port(port).build();
                try {
                    clash.start();
                } catch (java.io.UncheckedIOException expected) {
                    assertThat(expected).hasMessageContaining("cannot bind");
                }
                assertThat(clash.isOpen()).isFalse();
                clash.close();
            }
            holder.close();
            rebindUdp(port);
        }
    }

    private static List<Thread> liveThreadsStartingWith(List<String> prefixes) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> prefixes.stream().anyMatch(p -> t.getName().startsWith(p)))
                .toList();
    }

    /**
     * Binding the port again proves nothing listens on it any more (SO_REUSEADDR only skips TIME_WAIT). Under
     * NIO the JDK frees a closed socket's port at its selector's next wake-up, so this waits, bounded, for that.
     */
    private static void rebindTcp(int port) throws Exception {
        Await.until("TCP port " + port + " can be bound again", () -> {
            try (ServerSocket again = new ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(new InetSocketAddress("127.0.0.1", port));
                return again.getLocalPort() == port;
            } catch (java.io.IOException inUse) {
                return false;
            }
        });
    }

    private static void rebindUdp(int port) throws Exception {
        Await.until("UDP port " + port + " can be bound again", () -> {
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                return again.getLocalPort() == port;
            } catch (java.io.IOException inUse) {
                return false;
            }
        });
    }
}
