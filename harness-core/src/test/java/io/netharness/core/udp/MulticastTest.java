package io.netharness.core.udp;

import static io.netharness.core.Await.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netharness.core.Chunk;
import io.netharness.core.Transport;
import io.netharness.core.udp.Datagram;
import io.netharness.core.udp.UdpPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Multicast over the loopback interface: send, receive, leave, and talk both ways. */
class MulticastTest {

    /** A group of its own for every test, so parallel tests (and other builds) do not hear each other. */
    static InetAddress freshGroup() throws UnknownHostException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return InetAddress.getByName("239.255." + random.nextInt(1, 255) + "." + random.nextInt(1, 255));
    }

    @Test
    void receiverGetsSenderDatagramsWithTheSenderAddress() throws Exception {
        try (MulticastReceiver receiver = MulticastReceiver.builder(freshGroup()).build()) {
            receiver.start();
            assertThat(receiver.isJoined()).isTrue();
            try (MulticastSender sender = MulticastSender.builder(receiver.group()).build()) {
                sender.start();
                for (int i = 0; i < 10; i++) {
                    sender.inbox().put(Chunk.ofUtf8("m" + i));
                }

                for (int i = 0; i < 10; i++) {
                    Datagram datagram = receiver.outbox().take(TIMEOUT);
                    assertThat(datagram.text()).isEqualTo("m" + i);
                    assertThat(datagram.sender()).isEqualTo(sender.address());
                }
            }
        }
    }

    @Test
    void everyReceiverOfAGroupGetsEachDatagram() throws Exception {
        InetAddress group = freshGroup();
        try (MulticastReceiver first = MulticastReceiver.builder(group).build()) {
            first.start();
            int port = first.group().getPort();
            try (MulticastReceiver second = MulticastReceiver.builder(group).port(port).build();
                    MulticastSender sender = MulticastSender.builder(first.group()).build()) {
                second.start();
                sender.start();
                sender.inbox().put(Chunk.ofUtf8("to both"));

                assertThat(first.outbox().take(TIMEOUT).text()).isEqualTo("to both");
                assertThat(second.outbox().take(TIMEOUT).text()).isEqualTo("to both");
            }
        }
    }

    /**
     * A receiver bound to the wildcard address hears the group and unicast to its port. After it leaves, a
     * group datagram is sent (and its send completed), then a unicast marker: the marker arrives with nothing
     * before it, so the group datagram did not (loopback delivers into the socket's queue during the send,
     * so the queue's order is the sending order).
     */
    @Test
    void leavingTheGroupStopsItsDatagrams() throws Exception {
        InetAddress group = freshGroup();
        try (MulticastReceiver receiver = MulticastReceiver.builder(group)
                .bindAddress(InetAddress.getByName("0.0.0.0")).build()) {
            receiver.start();
            InetSocketAddress unicast = new InetSocketAddress("127.0.0.1", receiver.group().getPort());
            try (UdpPeer sender = UdpPeer.builder().target(receiver.group()).build();
                    MulticastSender multicast = MulticastSender.builder(receiver.group()).build()) {
                multicast.start();
                multicast.inbox().put(Chunk.ofUtf8("while joined"));
                assertThat(receiver.outbox().take(TIMEOUT).text()).isEqualTo("while joined");

                receiver.leaveGroup();
                assertThat(receiver.isJoined()).isFalse();
                multicast.inbox().put(Chunk.ofUtf8("after leaving"));
                multicast.control().put(new io.netharness.core.Lifecycle.ProducerFinished());
                assertThat(multicast.signal().take(TIMEOUT)).isInstanceOf(io.netharness.core.Lifecycle.ProducerFinished.class);
                sender.start();
                sender.retarget(unicast);
                sender.inbox().put(Chunk.ofUtf8("marker"));

                assertThat(receiver.outbox().take(TIMEOUT).text()).isEqualTo("marker");

                receiver.joinGroup();
                try (MulticastSender again = MulticastSender.builder(receiver.group()).build()) {
                    again.start();
                    again.inbox().put(Chunk.ofUtf8("joined again"));
                    assertThat(receiver.outbox().take(TIMEOUT).text()).isEqualTo("joined again");
                }
            }
        }
    }

    /**
     * Leaving is per socket: while another receiver on the same port stays joined (and gets the datagram,
     * proving it reached the machine), the one that left does not. Needs epoll's IP_MULTICAST_ALL (see
     * {@link MulticastReceiver}).
     */
    @Test
    void leavingStopsDatagramsWhileAnotherReceiverStaysJoined() throws Exception {
        assumeTrue(Transport.name().equals("epoll"), "NIO cannot turn IP_MULTICAST_ALL off");
        InetAddress group = freshGroup();
        try (MulticastReceiver leaver = MulticastReceiver.builder(group)
                .bindAddress(InetAddress.getByName("0.0.0.0")).build()) {
            leaver.start();
            int port = leaver.group().getPort();
            try (MulticastReceiver stayer = MulticastReceiver.builder(group).port(port).build();
                    MulticastSender multicast = MulticastSender.builder(leaver.group()).build();
                    UdpPeer marker = UdpPeer.to(new InetSocketAddress("127.0.0.1", port))) {
                stayer.start();
                multicast.start();
                marker.start();

                leaver.leaveGroup();
                multicast.inbox().put(Chunk.ofUtf8("after leaving"));
                assertThat(stayer.outbox().take(TIMEOUT).text()).isEqualTo("after leaving");
                marker.inbox().put(Chunk.ofUtf8("marker"));

                assertThat(leaver.outbox().take(TIMEOUT).text()).isEqualTo("marker");
            }
        }
    }

    @Test
    void transceiversOnOneGroupHearEachOtherAndThemselves() throws Exception {
        InetAddress group = freshGroup();
        try (MulticastTransceiver a = MulticastTransceiver.builder(group).build()) {
            a.start();
            try (MulticastTransceiver b = MulticastTransceiver.builder(group).port(a.group().getPort()).build()) {
                b.start();
                a.inbox().put(Chunk.ofUtf8("from a"));

                Datagram atB = b.outbox().take(TIMEOUT);
                assertThat(atB.text()).isEqualTo("from a");
                assertThat(atB.sender()).isEqualTo(a.senderAddress());
                Datagram echoAtA = a.outbox().take(TIMEOUT);
                assertThat(echoAtA.sender()).isEqualTo(a.senderAddress());

                b.inbox().put(Chunk.ofUtf8("from b"));
                assertThat(a.outbox().take(TIMEOUT).text()).isEqualTo("from b");
                assertThat(a).hasToString("MulticastTransceiver{" + group.getHostAddress() + ":" + a.group().getPort()
                        + " on lo}");
            }
        }
    }

    @Test
    void transceiverThatLeftStillSendsButNoLongerHears() throws Exception {
        assumeTrue(Transport.name().equals("epoll"), "NIO cannot turn IP_MULTICAST_ALL off");
        InetAddress group = freshGroup();
        try (MulticastTransceiver a = MulticastTransceiver.builder(group).build()) {
            a.start();
            try (MulticastTransceiver b = MulticastTransceiver.builder(group).port(a.group().getPort()).build()) {
                b.start();
                a.leaveGroup();
                a.inbox().put(Chunk.ofUtf8("a still sends"));
                assertThat(b.outbox().take(TIMEOUT).text()).isEqualTo("a still sends");
                // a's own copy did not come back, nor does b's next datagram: a unicast marker to a's sending
                // socket is the first thing a hears.
                b.inbox().put(Chunk.ofUtf8("unheard"));
                assertThat(b.outbox().take(TIMEOUT).text()).isEqualTo("unheard");
                try (UdpPeer marker = UdpPeer.to(a.senderAddress())) {
                    marker.start();
                    marker.inbox().put(Chunk.ofUtf8("marker"));
                    assertThat(a.outbox().take(TIMEOUT).text()).isEqualTo("marker");
                }
            }
        }
    }

    @Test
    void receiverRefusesToSendAndNonGroupAddressesAreRejected() throws Exception {
        try (MulticastReceiver receiver = MulticastReceiver.builder(freshGroup()).build()) {
            receiver.start();
            assertThatThrownBy(() -> receiver.inbox().offer(Chunk.ofUtf8("x")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("MulticastReceiver only receives; send with a MulticastSender or a MulticastTransceiver");
        }
        assertThatThrownBy(() -> MulticastReceiver.builder(InetAddress.getByName("127.0.0.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group: 127.0.0.1 (expected: a multicast address, 224.0.0.0-239.255.255.255 or ff00::/8)");
        assertThatThrownBy(() -> MulticastSender.builder(new InetSocketAddress(freshGroup(), 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port: 0 (expected: 1-65535)");
        assertThatThrownBy(() -> MulticastReceiver.builder(InetAddress.getByName("ff15::4242")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group: ff15:0:0:0:0:0:0:4242 (expected: an IPv4 group such as 239.255.0.1 on loopback"
                        + " interface lo, which carries no IPv6 multicast; or name another interface)");
        assertThatThrownBy(() -> MulticastSender.builder(new InetSocketAddress(freshGroup(), 5000)).ttl(256))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl: 256 (expected: 0-255)");
    }

    @Test
    void closedReceiverCannotLeaveOrRestart() throws Exception {
        MulticastReceiver receiver = MulticastReceiver.builder(freshGroup()).build();
        receiver.start();
        receiver.close();

        assertThat(receiver.isJoined()).isFalse();
        assertThat(receiver).hasToString("MulticastReceiver{closed}");
        assertThatThrownBy(receiver::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MulticastReceiver is closed and cannot be started again; create a new one");
        assertThatThrownBy(receiver::joinGroup)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot join 239.255.");
    }

    @Test
    void transceiverFinishesSendingOnProducerFinishedAndKeepsReceiving() throws Exception {
        InetAddress group = freshGroup();
        try (MulticastTransceiver a = MulticastTransceiver.builder(group).build()) {
            a.start();
            try (MulticastTransceiver b = MulticastTransceiver.builder(group).port(a.group().getPort()).build()) {
                b.start();
                a.inbox().put(Chunk.ofUtf8("last from a"));
                a.control().put(new io.netharness.core.Lifecycle.ProducerFinished());

                assertThat(a.signal().take(TIMEOUT)).isEqualTo(new io.netharness.core.Lifecycle.ProducerFinished());
                assertThat(b.outbox().take(TIMEOUT).text()).isEqualTo("last from a");
                assertThatThrownBy(() -> a.inbox().put(Chunk.ofUtf8("more")))
                        .isInstanceOf(IllegalStateException.class);
                // a still hears the group
                assertThat(a.outbox().take(TIMEOUT).text()).isEqualTo("last from a");
                b.inbox().put(Chunk.ofUtf8("from b"));
                assertThat(a.outbox().take(TIMEOUT).text()).isEqualTo("from b");
            }
        }
    }
}
