package io.netharness.simulator;

import io.netharness.simulator.internal.frame.HttpFramer;
import io.netharness.simulator.internal.frame.LengthPrefixedFramer;
import io.netharness.simulator.internal.frame.LineFramer;
import io.netharness.simulator.internal.frame.RespFramer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Cuts the byte stream of one direction of a TCP connection into messages, so that a fault can act on whole
 * messages ({@link Trigger#onMessage(Framer, long)}). The built-in framers are values (equal when their settings
 * are); a framer of your own is a lambda or class:
 *
 * <pre>{@code
 * Framer lines = Framer.lines();                                   // up to and including each '\n'
 * Framer frames = Framer.lengthPrefixed(2, ByteOrder.BIG_ENDIAN);  // 2-byte length, then that many bytes
 * Framer postgres = Framer.lengthPrefixed(1, 4, ByteOrder.BIG_ENDIAN, -4); // type byte, length counting itself
 * Framer http = Framer.http1();                                    // HTTP/1.1 requests or responses
 * Framer redis = Framer.resp();                                    // Redis RESP2 and RESP3
 * Framer fixed = buffered -> buffered.remaining() >= 16 ? 16 : Framer.NEED_MORE; // your own
 * }</pre>
 *
 * <p><b>Contract.</b> {@link #messageLength} is called on the link's event loop with the bytes buffered so far,
 * starting at a message boundary; it must not block, keep the buffer, or change it. It returns the length of the
 * message that starts there as soon as it can tell (the length may exceed what is buffered: the link then waits for
 * the rest without asking again), or {@link #NEED_MORE}. A framer that throws, or returns a length below 1, fails the
 * connection: it is reset and the link's {@code close()} throws what went wrong, so a framer that does not fit the
 * protocol fails the test instead of silently passing bytes. A message longer than the link's buffer
 * ({@code TcpLink.Builder.bufferBytes}) fails the connection the same way. Bytes left at the end of the stream that
 * make no whole message are delivered as they are.
 */
@FunctionalInterface
public interface Framer {

    /** What {@link #messageLength} returns when the buffered bytes do not yet tell the message's length. */
    int NEED_MORE = -1;

    /**
     * The length in bytes of the message that starts at the beginning of {@code buffered}, or {@link #NEED_MORE}.
     *
     * @param buffered the bytes buffered so far, read-only, from position 0 to its limit
     */
    int messageLength(ByteBuffer buffered);

    /**
     * The length of the message's head, where {@link Trigger.OnMessage#afterHead()} acts; 0 by default (no head).
     * {@link #http1()} answers the header block, {@link #lengthPrefixed} the prefix.
     *
     * @param message one whole message, read-only, from position 0 to its length
     */
    default int headLength(ByteBuffer message) {
        return 0;
    }

    /** Lines: each message ends with (and includes) a {@code '\n'}, so CRLF lines work too. */
    static Framer lines() {
        return LineFramer.INSTANCE;
    }

    /**
     * A length prefix of {@code widthBytes} (1, 2, 3, 4 or 8) in {@code order} at the start of each message, giving the
     * number of bytes that follow it.
     */
    static Framer lengthPrefixed(int widthBytes, ByteOrder order) {
        return new LengthPrefixedFramer(0, widthBytes, order, 0);
    }

    /**
     * A length field of {@code widthBytes} (1, 2, 3, 4 or 8) in {@code order}, {@code offsetBytes} into each message;
     * the message is {@code offsetBytes + widthBytes + length + adjustment} bytes long. PostgreSQL's messages (a type
     * byte, then a length that counts itself) are {@code lengthPrefixed(1, 4, BIG_ENDIAN, -4)}.
     */
    static Framer lengthPrefixed(int offsetBytes, int widthBytes, ByteOrder order, int adjustment) {
        return new LengthPrefixedFramer(offsetBytes, widthBytes, order, adjustment);
    }

    /**
     * HTTP/1.1 messages: a request or response head (up to the empty line), then its body as
     * {@code Transfer-Encoding: chunked} or {@code Content-Length} say (responses with status 1xx, 204 or 304 have
     * none, nor do requests that say nothing). The head is {@link #headLength}. A response whose body runs until the
     * connection closes is never a whole message; a response to {@code HEAD} is taken to have the body its
     * {@code Content-Length} announces, so do not frame HEAD exchanges.
     */
    static Framer http1() {
        return HttpFramer.INSTANCE;
    }

    /**
     * Redis's RESP2 and RESP3: each message is one top-level value (a command from a client is an array of bulk
     * strings; a reply is any value, an attribute included with the value it precedes); inline commands are lines.
     */
    static Framer resp() {
        return RespFramer.INSTANCE;
    }
}
