package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.core.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Datagrams the kernel drops at a link's sockets before the link reads them are counted as
 * {@link DirectionStatistics#droppedBeforeLink()} in the direction they were going, exactly: with the link's event
 * loop held up, a flood overflows the socket's receive buffer, and afterwards every datagram sent is either in
 * {@code datagramsIn} or in {@code droppedBeforeLink}. Linux only (the figure comes from /proc/net/udp).
 */
class UdpLinkKernelDropsTest {

    /** 20,000 datagrams of 1 KiB take about 40 MB of receive buffer: far beyond the link's 8 MiB. */
    private static final int FLOOD = 20_000;
    private static final byte[] KIB = new byte[1024];
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void floodAtTheFrontSocketIsCountedUpstream(String transport) throws Exception {
        EventLoopGroup group = group(transport);
        try (UdpPeer target = UdpPeer.receiver(); DatagramSocket client = socket();
                UdpLink link = UdpLink.builder().target(target.address()).eventLoopGroup(group).build().start()) {
            floodWhileBlocked(group, () -> send(client, link.address(), FLOOD));

            DirectionStatistics up = settle(() -> link.statistics().upstream(), FLOOD);
            System.out.printf("%s front socket: %s%n", transport, up);
            assertThat(up.droppedBeforeLink()).as("kernel drops, %s", up).isPositive();
            assertThat(up.datagramsIn()).as("datagrams the link read, %s", up).isPositive();
            assertThat(link.statistics().downstream().droppedBeforeLink()).isZero();

            link.close();
            assertThat(link.statistics().upstream().droppedBeforeLink())
                    .as("kept after the socket closed").isEqualTo(up.droppedBeforeLink());
        } finally {
            shutdown(group);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void floodAtASessionSocketIsCountedDownstream(String transport) throws Exception {
        EventLoopGroup group = group(transport);
        try (DatagramSocket server = socket(); UdpPeer client = UdpPeer.receiver();
                UdpLink link = UdpLink.builder().target((InetSocketAddress) server.getLocalSocketAddress())
                        .eventLoopGroup(group).build().start()) {
            client.send(new byte[] {1}, link.address());
            DatagramPacket first = new DatagramPacket(new byte[16], 16);
            server.receive(first); // now the session socket's address is known
            floodWhileBlocked(group, () -> send(server, (InetSocketAddress) first.getSocketAddress(), FLOOD));

            DirectionStatistics down = settle(() -> link.statistics().downstream(), FLOOD);
            System.out.printf("%s session socket: %s%n", transport, down);
            assertThat(down.droppedBeforeLink()).as("kernel drops, %s", down).isPositive();
            assertThat(link.statistics().upstream().droppedBeforeLink()).isZero();

            link.close();
            assertThat(link.statistics().downstream().droppedBeforeLink())
                    .as("kept after the session closed").isEqualTo(down.droppedBeforeLink());
        } finally {
            shutdown(group);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll"})
    void floodAtAMulticastLinksGroupSocketIsCountedUpstream(String transport) throws Exception {
        EventLoopGroup group = group(transport);
        InetAddress freshGroup = InetAddress.getByName("239.255." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255));
        try (UdpPeer sender = UdpPeer.multicastSender(); UdpPeer receiver = UdpPeer.receiver();
                MulticastLink link = MulticastLink.builder().group(new InetSocketAddress(freshGroup, 0))
                        .receiver(receiver.address()).eventLoopGroup(group).build().start()) {
            floodWhileBlocked(group, () -> {
                for (int i = 0; i < FLOOD; i++) {
                    sender.send(KIB, link.address());
                }
            });

            DirectionStatistics up = settle(() -> link.statistics().upstream(), FLOOD);
            System.out.printf("%s group socket: %s%n", transport, up);
            assertThat(up.droppedBeforeLink()).as("kernel drops, %s", up).isPositive();
        } finally {
            shutdown(group);
        }
    }

    /** Holds the group's only event loop while {@code flood} runs, so nothing is read meanwhile. */
    private static void floodWhileBlocked(EventLoopGroup group, Runnable flood) throws InterruptedException {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        group.next().execute(() -> {
            blocked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS); // bounded: the test releases it long before
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(blocked.await(10, TimeUnit.SECONDS)).as("event loop held").isTrue();
        try {
            flood.run();
        } finally {
            release.countDown();
        }
    }

    /** Waits until every datagram sent is accounted for, read by the link or dropped before it. */
    private static DirectionStatistics settle(Supplier<DirectionStatistics> statistics, long sent)
            throws InterruptedException {
        Waiting.until("datagramsIn + droppedBeforeLink to reach " + sent, WAIT,
                () -> statistics.get().datagramsIn() + statistics.get().droppedBeforeLink() >= sent,
                () -> statistics.get().toString());
        DirectionStatistics settled = statistics.get();
        assertThat(settled.datagramsIn() + settled.droppedBeforeLink()).as("%s", settled).isEqualTo(sent);
        return settled;
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, int count) {
        try {
            for (int i = 0; i < count; i++) {
                socket.send(new DatagramPacket(KIB, KIB.length, to));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DatagramSocket socket() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** One event loop: epoll as harness-core makes it (so the socket is found by inode), or NIO (by address). */
    private static EventLoopGroup group(String transport) {
        Assumptions.assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/net/udp")),
                "the kernel's per-socket drops are read from /proc/net/udp, which this system does not have");
        if (transport.equals("nio")) {
            return new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        }
        EventLoopGroup group = Transport.newEventLoopGroup(1, "kernel-drops-test", true);
        if (!Transport.isEpoll(group)) {
            shutdown(group);
            Assumptions.abort("harness-core selected " + Transport.name() + ", not epoll");
        }
        return group;
    }

    private static void shutdown(EventLoopGroup group) {
        assertThat(group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS))
                .as("test event loop stopped").isTrue();
    }
}
