package io.netharness.simulator;

import static io.netharness.simulator.TcpTests.readToEnd;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Half-closed connections must survive the link's own bookkeeping: a side whose input has ended still receives
 * everything, however long the other side keeps sending.
 */
class TcpLinkHalfCloseTest {

    private static final int REPLY_BYTES = 8 * 1024 * 1024;

    private LoopbackServer server;
    private TcpLink link;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer(LoopbackServer.HOLD);
        link = TcpLink.builder().target(server.address()).seed(11).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        link.close();
        server.close();
        assertThat(server.failures()).isEmpty();
    }

    /**
     * The client sends its request and half-closes at once, typically before the link's connection to the target is
     * up. Netty reads a FIN and the data before it even with auto-read off: the request must wait for the target,
     * not be dropped, and turning reading on at start must not touch the finished input (epoll_ctl ENOENT, which
     * closed the connection with a WARN).
     */
    @Test
    void aRequestAndFinSentBeforeTheTargetConnectionIsUpArePassedOn() throws Exception {
        try (Socket client = TcpTests.connect(link.address())) {
            client.getOutputStream().write(ascii("request"));
            client.shutdownOutput();

            Socket accepted = server.nextConnection();
            accepted.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
            assertThat(readToEnd(accepted)).isEqualTo(ascii("request"));
            accepted.getOutputStream().write(ascii("reply"));
            accepted.close();
            assertThat(readToEnd(client)).isEqualTo(ascii("reply"));
        }
    }

    /**
     * After the client's FIN, a reply far larger than a small client receive window makes the link wait for the
     * client socket to become writable many times. Run on a NIO group: on Netty 4.2.18's epoll transport that wait
     * fails (see {@link #aHalfClosedClientReceivesALargeReplyInFullOnEpoll()}).
     */
    @Test
    void aHalfClosedClientReceivesALargeReplyInFullOnNio() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (TcpLink nioLink = TcpLink.builder().target(server.address()).seed(11).eventLoopGroup(group).build()
                .start()) {
            largeReplyAfterHalfClose(nioLink);
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Known failure, not ours to fix here: Netty 4.2.18 epoll removes a channel's fd from epoll when its interest
     * set empties (input ended, nothing to flush) but keeps it marked as added, so the next EPOLLOUT interest fails
     * with ENOENT and Netty shuts the output down mid-reply. See the report of the tcpfix branch.
     */
    @Test

    void aHalfClosedClientReceivesALargeReplyInFullOnEpoll() throws Exception {
        largeReplyAfterHalfClose(link);
    }

    private void largeReplyAfterHalfClose(TcpLink through) throws Exception {
        byte[] reply = new byte[REPLY_BYTES];
        new SplittableRandom(3).nextBytes(reply);
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(4096);
            client.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
            client.connect(through.address(), (int) TcpTests.TIMEOUT.toMillis());
            client.getOutputStream().write(ascii("request"));
            client.shutdownOutput();

            Socket accepted = server.nextConnection();
            accepted.setSoTimeout((int) TcpTests.TIMEOUT.toMillis());
            assertThat(readToEnd(accepted)).isEqualTo(ascii("request"));
            Thread writer = new Thread(() -> {
                try (OutputStream out = accepted.getOutputStream()) {
                    out.write(reply);
                } catch (Exception e) {
                    // the client's assertion below reports the truncated reply
                }
            }, "reply-writer");
            writer.start();
            try {
                byte[] received = readAll(client.getInputStream());
                assertThat(received.length).as("reply bytes received before end of stream").isEqualTo(REPLY_BYTES);
                assertThat(Arrays.equals(received, reply)).as("reply content").isTrue();
            } finally {
                writer.join(TcpTests.TIMEOUT.toMillis());
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readAll(InputStream in) throws Exception {
        byte[] all = new byte[REPLY_BYTES + 1];
        int total = 0;
        for (int n; total < all.length && (n = in.read(all, total, all.length - total)) != -1; ) {
            total += n;
        }
        return Arrays.copyOf(all, total);
    }
}
