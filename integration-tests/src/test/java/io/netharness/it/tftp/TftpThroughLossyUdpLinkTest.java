package io.netharness.it.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.it.support.RequiresExecutable;
import io.netharness.it.support.TftpServer;
import io.netharness.it.support.Wait;
import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.LinkStatistics;
import io.netharness.simulator.UdpLink;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.net.DatagramSocketFactory;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * commons-net's {@code TFTPClient} fetches a file from Debian's tftpd-hpa through a lossy {@link UdpLink}. tftpd
 * answers each request from a new port (its transfer ID); the link gives that port a link-side address of its own,
 * so the client's acknowledgements reach it and the file arrives byte-identical; the same seed loses the same
 * datagrams of the transfer again. With every reply relabelled as coming from the link's address (the old
 * behaviour) the acknowledgements go to tftpd's listening port and the transfer fails.
 */
@RequiresExecutable(value = "in.tftpd", debianPackage = "tftpd-hpa")
@Isolated("a retransmission caused by a starved CPU instead of a loss would make the two runs differ")
class TftpThroughLossyUdpLinkTest {

    private static final String NAME = "firmware.bin";
    /** 196 blocks of 512 bytes and a last, shorter one. */
    private static final byte[] FILE = content(196 * 512 + 123);
    private static final int BLOCKS = FILE.length / 512 + 1;
    private static final LinkProfile LOSSY = LinkProfile.builder().loss(Loss.random(0.03)).build();
    private static final long SEED = 0x7f7b_0001L;
    /**
     * The client waits far longer than tftpd's first retransmission, so that every lost datagram is made up for by
     * tftpd resending (or by the client answering a resent block), never by the client's own timer.
     */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(3);
    private static final int TRIES = 3;
    private static final int TFTP_READ_REQUEST = 1;
    private static final int TFTP_DATA = 3;
    private static final int TFTP_ACKNOWLEDGEMENT = 4;

    private static TftpServer tftpd;

    @BeforeAll
    static void startTftpd() throws IOException {
        tftpd = TftpServer.serving(Map.of(NAME, FILE));
        // Directly, without a link: tftpd serves, and the client's classes are loaded before anything is timed.
        assertThat(fetch(tftpd.address(), new CountingSockets()).content()).isEqualTo(FILE);
    }

    @AfterAll
    static void stopTftpd() {
        if (tftpd != null) {
            tftpd.close();
        }
    }

    @Test
    void aTransferThroughALossyLinkArrivesByteIdenticalAndTheSameSeedLosesTheSameDatagrams() throws Exception {
        Transfer first = cleanTransfer(SEED);
        Transfer second = cleanTransfer(SEED);
        System.out.println("TFTP through a lossy UdpLink, seed " + SEED + ":\n  " + first + "\n  " + second);

        assertThat(first.content()).as("file through the lossy link").isEqualTo(FILE);
        assertThat(second.content()).isEqualTo(FILE);
        assertThat(first.statistics().upstream().dropped()).as("acknowledgements lost").isPositive();
        assertThat(first.statistics().downstream().dropped()).as("blocks lost").isPositive();
        assertThat(first.peerAddresses()).as("tftpd's transfer port, mapped by the link").isEqualTo(1);
        assertThat(second.figures()).as("the same seed, the same transfer").isEqualTo(first.figures());
    }

    @Test
    void withEveryReplyFromTheLinksAddressTheTransferFails() throws Exception {
        try (UdpLink link = UdpLink.builder().target(tftpd.address())
                .replyAddresses(UdpLink.ReplyAddresses.LINK_ADDRESS).build().start()) {
            TFTPClient client = client(new CountingSockets(), Duration.ofMillis(500), 2);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                assertThatThrownBy(() -> client.receiveFile(NAME, TFTP.BINARY_MODE, received,
                        link.address().getAddress(), link.address().getPort()))
                        .isInstanceOf(IOException.class);
            } finally {
                client.close();
            }
            assertThat(received.size()).as("bytes received before the transfer stalled").isLessThan(FILE.length);
        }
    }

    /**
     * A transfer in which every retransmission was caused by a loss. One caused by a stalled machine (a block resent
     * because its acknowledgement came later than tftpd's timer) sends a datagram more, which shifts every later
     * seeded decision: such a run says nothing about replay, so it is repeated, at most {@link #TRIES} times.
     */
    private static Transfer cleanTransfer(long seed) throws Exception {
        List<Transfer> transfers = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            Transfer transfer = throughLink(seed);
            if (transfer.retransmittedOnlyForLosses()) {
                return transfer;
            }
            transfers.add(transfer);
            System.out.println("repeating the transfer with seed " + seed + ": a retransmission no loss explains: "
                    + transfer);
        }
        throw new AssertionError("in " + TRIES + " transfers with seed " + seed + " tftpd resent more blocks than"
                + " the link lost: " + transfers);
    }

    private static Transfer throughLink(long seed) throws Exception {
        try (UdpLink link = UdpLink.builder().target(tftpd.address()).profile(LOSSY).seed(seed).build().start()) {
            CountingSockets sockets = new CountingSockets();
            Fetched fetched = fetch(link.address(), sockets);
            // The client's last acknowledgement is on its way when receiveFile returns: wait until the link has it.
            Wait.until("the link to read every datagram the client sent (" + sockets.sent() + ")",
                    Duration.ofSeconds(10), () -> link.statistics().upstream().datagramsIn() >= sockets.sent());
            return new Transfer(fetched.content(), link.statistics(), sockets.requests,
                    List.copyOf(sockets.blocksReceived), link.peerAddresses().size());
        }
    }

    private static Fetched fetch(InetSocketAddress server, CountingSockets sockets) throws IOException {
        TFTPClient client = client(sockets, CLIENT_TIMEOUT, 5);
        try {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            client.receiveFile(NAME, TFTP.BINARY_MODE, received, server.getAddress(), server.getPort());
            return new Fetched(received.toByteArray());
        } finally {
            client.close();
        }
    }

    private static TFTPClient client(CountingSockets sockets, Duration timeout, int maxTimeouts) throws SocketException {
        TFTPClient client = new TFTPClient();
        client.setDatagramSocketFactory(sockets);
        client.setDefaultTimeout(timeout);
        client.setMaxTimeouts(maxTimeouts);
        client.open(0, InetAddress.getLoopbackAddress());
        return client;
    }

    private record Fetched(byte[] content) {
    }

    /**
     * One transfer through the link: what arrived, the link's figures once it had read the last acknowledgement,
     * the client's read requests and the block numbers it received in order (resent blocks included).
     */
    private record Transfer(byte[] content, LinkStatistics statistics, int requests, List<Integer> blocks,
            int peerAddresses) {

        /** What must be the same in a replay. */
        List<Object> figures() {
            DirectionStatistics up = statistics.upstream();
            DirectionStatistics down = statistics.downstream();
            return List.of(up.datagramsIn(), up.dropped(), down.datagramsIn(), down.dropped(), down.delivered(),
                    requests, blocks);
        }

        /**
         * tftpd sent each block once, plus once per lost block and per lost acknowledgement (a lost read request is
         * made up for by the client instead); a lost final acknowledgement has not caused its resend yet when the
         * figures are taken.
         */
        boolean retransmittedOnlyForLosses() {
            long lostAcknowledgements = statistics.upstream().dropped() - (requests - 1);
            long explained = BLOCKS + statistics.downstream().dropped() + lostAcknowledgements;
            long sent = statistics.downstream().datagramsIn();
            return sent == explained || sent == explained - 1;
        }

        @Override
        public String toString() {
            return "Transfer{" + content.length + " bytes, " + requests + " read request(s), " + blocks.size()
                    + " blocks received, " + statistics + "}";
        }
    }

    /** Sockets for the client that count its read requests and the data blocks it receives. */
    private static final class CountingSockets implements DatagramSocketFactory {
        private volatile int requests;
        private volatile int acknowledgements;
        private final List<Integer> blocksReceived = Collections.synchronizedList(new ArrayList<>());

        int sent() {
            return requests + acknowledgements;
        }

        @Override
        public DatagramSocket createDatagramSocket() throws SocketException {
            return createDatagramSocket(0, InetAddress.getLoopbackAddress());
        }

        @Override
        public DatagramSocket createDatagramSocket(int port) throws SocketException {
            return createDatagramSocket(port, InetAddress.getLoopbackAddress());
        }

        @Override
        public DatagramSocket createDatagramSocket(int port, InetAddress localAddress) throws SocketException {
            return new DatagramSocket(new InetSocketAddress(localAddress, port)) {
                @Override
                public void send(DatagramPacket packet) throws IOException {
                    int opcode = opcode(packet);
                    if (opcode == TFTP_READ_REQUEST) {
                        requests++;
                    } else if (opcode == TFTP_ACKNOWLEDGEMENT) {
                        acknowledgements++;
                    }
                    super.send(packet);
                }

                @Override
                public synchronized void receive(DatagramPacket packet) throws IOException {
                    super.receive(packet);
                    if (opcode(packet) == TFTP_DATA && packet.getLength() >= 4) {
                        byte[] data = packet.getData();
                        int offset = packet.getOffset();
                        blocksReceived.add((data[offset + 2] & 0xff) << 8 | data[offset + 3] & 0xff);
                    }
                }
            };
        }

        private static int opcode(DatagramPacket packet) {
            return packet.getLength() < 2 ? -1
                    : (packet.getData()[packet.getOffset()] & 0xff) << 8 | packet.getData()[packet.getOffset() + 1] & 0xff;
        }
    }

    private static byte[] content(int bytes) {
        byte[] content = new byte[bytes];
        new Random(0x7f7bL).nextBytes(content);
        return content;
    }
}
