package io.netharness.simulator;

import static io.netharness.simulator.TcpTests.awaitEnd;
import static io.netharness.simulator.TcpTests.connect;
import static io.netharness.simulator.TcpTests.millisSince;
import static io.netharness.simulator.TcpTests.readExactly;
import static io.netharness.simulator.TcpTests.readToEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.core.ComponentFailedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults on whole messages, over real loopback sockets: the client sends lines (or other messages) through an echo
 * server and reads back what the link delivered downstream.
 */
class TcpLinkMessageFaultsTest {

    private LoopbackServer server;
    private TcpLink link;

    private void start(LoopbackServer.Behaviour behaviour, TcpLink.Builder builder) throws IOException {
        server = new LoopbackServer(behaviour);
        link = builder.target(server.address()).seed(23).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (link != null) {
                link.close(); // fails if the link's byte accounting does not add up
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends {@code text} through the echo server, finishes, and returns everything that came back. */
    private String echoed(String text) throws IOException {
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write(ascii(text));
            client.shutdownOutput();
            return new String(readToEnd(client), StandardCharsets.US_ASCII);
        }
    }

    private static TcpLink.Builder downstream(Trigger trigger, Effect effect) {
        return TcpLink.builder().fault(Direction.DOWNSTREAM, ConnectionFault.of(trigger, effect));
    }

    @Test
    void theNthMessageIsDroppedAndTheRestArriveIntactInOrder() throws Exception {
        start(LoopbackServer.ECHO, downstream(Trigger.onMessage(Framer.lines(), 2), Effect.drop()));
        assertThat(echoed("one\ntwo\nthree\n")).isEqualTo("one\nthree\n");
        assertThat(link.statistics().downstream().bytesDropped(DropCause.FAULT)).isEqualTo(4);
        assertThat(link.statistics().downstream().bytesDelivered()).isEqualTo(10);
    }

    @Test
    void everyMessageAPredicateMatchesIsDropped() throws Exception {
        start(LoopbackServer.ECHO, downstream(Trigger.onMessage(Framer.lines(), m -> m.text().startsWith("secret")),
                Effect.drop()));
        assertThat(echoed("a\nsecret 1\nb\nsecret 2\nc\n")).isEqualTo("a\nb\nc\n");
    }

    @Test
    void aDuplicatedMessageArrivesTwiceInARow() throws Exception {
        start(LoopbackServer.ECHO, downstream(Trigger.onMessage(Framer.lines(), 1), Effect.duplicate()));
        assertThat(echoed("a\nb\n")).isEqualTo("a\na\nb\n");
        assertThat(link.statistics().downstream().duplicated()).isEqualTo(1);
    }

    @Test
    void aReorderedMessageFollowsTheNextOne() throws Exception {
        // A long hold: the echo server may send the lines in separate writes, far apart on a busy machine.
        start(LoopbackServer.ECHO, downstream(Trigger.onMessage(Framer.lines(), 1),
                Effect.reorder(Duration.ofSeconds(5))));
        assertThat(echoed("a\nb\nc\n")).isEqualTo("b\na\nc\n");
        assertThat(link.statistics().downstream().reordered()).isEqualTo(1);
    }

    @Test
    void aReorderedMessageWithNoSuccessorArrivesAfterItsMaximumHold() throws Exception {
        start(LoopbackServer.ECHO, downstream(Trigger.onMessage(Framer.lines(), 1),
                Effect.reorder(Duration.ofMillis(200))));
        try (Socket client = connect(link.address())) {
            long start = System.nanoTime();
            client.getOutputStream().write(ascii("alone\n"));
            assertThat(readExactly(client, 6)).isEqualTo(ascii("alone\n"));
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(200);
        }
        assertThat(link.statistics().downstream().reordered()).isZero();
    }

    @Test
    void aCorruptedMessageHasOneBitFlippedTheSameWayForTheSameSeed() throws Exception {
        String sent = "aaaaaaaa\nbbbbbbbb\ncccccccc\n";
        TcpLink.Builder corrupting = downstream(Trigger.onMessage(Framer.lines(), 2), Effect.corrupt());
        start(LoopbackServer.ECHO, corrupting);
        String first = echoed(sent);
        assertThat(first).startsWith("aaaaaaaa\n").endsWith("cccccccc\n").isNotEqualTo(sent);
        int flipped = 0;
        for (int i = 0; i < sent.length(); i++) {
            flipped += Integer.bitCount(sent.charAt(i) ^ first.charAt(i));
        }
        assertThat(flipped).as("bits flipped in %s", first).isEqualTo(1);
        assertThat(link.statistics().downstream().corrupted()).isEqualTo(1);
        try (TcpLink replay = corrupting.target(server.address()).seed(23).build().start()) {
            TcpLink original = link;
            link = replay;
            assertThat(echoed(sent)).as("the same seed, the same bit").isEqualTo(first);
            link = original;
        }
    }

    @Test
    void aDelayedMessageHoldsItselfAndWhatFollows() throws Exception {
        start(LoopbackServer.ECHO, downstream(Trigger.onMessage(Framer.lines(), 2), Effect.delay(Duration.ofMillis(300))));
        try (Socket client = connect(link.address())) {
            long start = System.nanoTime();
            client.getOutputStream().write(ascii("a\nb\nc\n"));
            assertThat(readExactly(client, 2)).isEqualTo(ascii("a\n"));
            assertThat(readExactly(client, 4)).isEqualTo(ascii("b\nc\n"));
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void aResetBeforeTheNthMessageDeliversTheOnesBeforeIt() throws Exception {
        start(LoopbackServer.ECHO, downstream(Trigger.onMessage(Framer.lines(), 2), Effect.resetPeer()));
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write(ascii("a\nb\nc\n"));
            assertThat(readExactly(client, 2)).isEqualTo(ascii("a\n"));
            assertThat(awaitEnd(client)).isEqualTo("Connection reset");
        }
    }

    @Test
    void aResetAfterTheNthMessageDeliversItFirst() throws Exception {
        start(LoopbackServer.ECHO, downstream(Trigger.onMessage(Framer.lines(), 2).after(), Effect.resetPeer()));
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write(ascii("a\nb\nc\n"));
            assertThat(readExactly(client, 4)).isEqualTo(ascii("a\nb\n"));
            assertThat(awaitEnd(client)).isEqualTo("Connection reset");
        }
    }

    @Test
    void aResetAfterTheHeadOfAnHttpResponseDeliversTheHeadersOnly() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n";
        start(socket -> {
            socket.getInputStream().read();
            socket.getOutputStream().write(ascii(head + "hello world"));
            socket.getInputStream().read(); // until the link closes
        }, downstream(Trigger.onMessage(Framer.http1(), 1).afterHead(), Effect.resetPeer()));
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write('?');
            assertThat(new String(readExactly(client, head.length()), StandardCharsets.US_ASCII)).isEqualTo(head);
            assertThat(awaitEnd(client)).isEqualTo("Connection reset");
        }
        assertThat(link.statistics().downstream().bytesDropped(DropCause.FAULT)).isEqualTo(11);
    }

    @Test
    void theThirdRespReplyIsDroppedAndTheFourthTakesItsPlace() throws Exception {
        start(LoopbackServer.ECHO, downstream(Trigger.onMessage(Framer.resp(), 3), Effect.drop()));
        try (Socket client = connect(link.address())) {
            InputStream in = client.getInputStream();
            for (String reply : new String[] {"+one\r\n", "$3\r\ntwo\r\n", "*1\r\n:3\r\n", "+four\r\n"}) {
                client.getOutputStream().write(ascii(reply)); // the echo server answers each with itself
            }
            assertThat(readExactly(client, 6 + 9 + 7)).isEqualTo(ascii("+one\r\n$3\r\ntwo\r\n+four\r\n"));
            assertThat(in.available()).isZero();
        }
    }

    @Test
    void lengthPrefixedMessagesUpstreamAndALimitOnTheFirstConnectionOnly() throws Exception {
        start(LoopbackServer.ECHO, TcpLink.builder().fault(Direction.UPSTREAM, ConnectionFault.of(
                Trigger.onConnection(1, Trigger.onMessage(Framer.lengthPrefixed(2, ByteOrder.BIG_ENDIAN), 2)),
                Effect.drop())));
        byte[] messages = {0, 2, 'h', 'i', 0, 3, 'b', 'y', 'e', 0, 1, '!'};
        assertThat(echoedBytes(messages)).isEqualTo(new byte[] {0, 2, 'h', 'i', 0, 1, '!'});
        assertThat(echoedBytes(messages)).as("the second connection").isEqualTo(messages);
    }

    private byte[] echoedBytes(byte[] sent) throws IOException {
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write(sent);
            client.shutdownOutput();
            return readToEnd(client);
        }
    }

    @Test
    void bytesThatMakeNoWholeMessageGoOnAsTheyAreWhenTheSenderFinishes() throws Exception {
        start(LoopbackServer.ECHO, downstream(Trigger.onMessage(Framer.lines(), 5), Effect.drop()));
        assertThat(echoed("a\nno newline")).isEqualTo("a\nno newline");
    }

    @Test
    void aFramerThatFailsResetsTheConnectionAndFailsTheLinkSayingWhy() throws Exception {
        Framer broken = buffered -> {
            throw new IllegalStateException("cannot frame this");
        };
        start(LoopbackServer.ECHO, downstream(Trigger.onMessage(broken, 1), Effect.drop()));
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write(ascii("x"));
            assertThat(awaitEnd(client)).isEqualTo("Connection reset");
        }
        TcpLink failed = link;
        link = null;
        assertThatThrownBy(failed::close).isInstanceOf(ComponentFailedException.class)
                .hasMessageContaining("framer " + broken + " failed on downstream message 1 of connection #0:"
                        + " java.lang.IllegalStateException: cannot frame this")
                .rootCause().hasMessage("cannot frame this");
    }

    @Test
    void aPredicateThatFailsFailsTheLinkSayingWhich() throws Exception {
        start(LoopbackServer.ECHO, downstream(Trigger.onMessage(Framer.lines(), m -> {
            throw new IllegalArgumentException("bad predicate");
        }), Effect.drop()));
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write(ascii("x\n"));
            assertThat(awaitEnd(client)).isEqualTo("Connection reset");
        }
        TcpLink failed = link;
        link = null;
        assertThatThrownBy(failed::close).isInstanceOf(ComponentFailedException.class)
                .hasMessageContaining("failed on downstream message 1 of connection #0")
                .rootCause().hasMessage("bad predicate");
    }

    @Test
    void aMessageLongerThanTheBufferFailsTheLink() throws Exception {
        start(LoopbackServer.ECHO, TcpLink.builder().bufferBytes(1024)
                .fault(Direction.UPSTREAM, ConnectionFault.of(Trigger.onMessage(Framer.lines(), 3), Effect.drop())));
        try (Socket client = connect(link.address())) {
            client.getOutputStream().write(new byte[4096]);
            assertThat(awaitEnd(client)).isEqualTo("Connection reset");
        }
        TcpLink failed = link;
        link = null;
        assertThatThrownBy(failed::close).isInstanceOf(ComponentFailedException.class)
                .hasMessageContaining("framer lines found no message boundary in");
    }

    @Test
    void messagesAreFramedInBothDirectionsWhenNoDirectionIsGiven() throws Exception {
        start(LoopbackServer.ECHO, TcpLink.builder().fault(ConnectionFault.of(Trigger.onMessage(Framer.lines(), 1),
                Effect.drop())));
        // Upstream drops "a", so the server echoes "b" and "c"; downstream then drops the echoed "b".
        assertThat(echoed("a\nb\nc\n")).isEqualTo("c\n");
    }

    static String utf8(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }
}
