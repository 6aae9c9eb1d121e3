package io.netharness.simulator.internal.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.simulator.Framer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each built-in framer on whole messages, on every prefix of one (it needs more), and on input it cannot frame. */
class FramersTest {

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)).asReadOnlyBuffer();
    }

    private static int length(Framer framer, String text) {
        return framer.messageLength(bytes(text));
    }

    /** The framer finds exactly {@code message} at the start of {@code message + rest}, and needs more before. */
    private static void frames(Framer framer, String message, String rest) {
        assertThat(length(framer, message + rest)).as("%s on %s", framer, message + rest).isEqualTo(message.length());
        for (int cut = 1; cut < message.length(); cut++) {
            int length = length(framer, message.substring(0, cut));
            assertThat(length == Framer.NEED_MORE || length == message.length())
                    .as("%s on the first %d bytes of %s gave %d", framer, cut, message, length).isTrue();
        }
    }

    @Test
    void linesEndWithTheirNewline() {
        frames(Framer.lines(), "GET /\r\n", "next\n");
        frames(Framer.lines(), "x\n", "");
        assertThat(length(Framer.lines(), "no newline yet")).isEqualTo(Framer.NEED_MORE);
        assertThat(Framer.lines()).hasToString("lines").isSameAs(Framer.lines());
    }

    @Test
    void lengthPrefixesOfEveryWidthAndOrder() {
        Framer bigEndian = Framer.lengthPrefixed(2, ByteOrder.BIG_ENDIAN);
        frames(bigEndian, "\0\3abc", "\0\1z");
        Framer littleEndian = Framer.lengthPrefixed(4, ByteOrder.LITTLE_ENDIAN);
        frames(littleEndian, "\2\0\0\0hi", "");
        assertThat(length(Framer.lengthPrefixed(3, ByteOrder.BIG_ENDIAN), "\0\1\0")).isEqualTo(259);
        assertThat(length(Framer.lengthPrefixed(8, ByteOrder.BIG_ENDIAN), "\0\0\0\0\0\0\0\1x")).isEqualTo(9);
        assertThat(bigEndian).isEqualTo(Framer.lengthPrefixed(2, ByteOrder.BIG_ENDIAN))
                .hasToString("length-prefixed 2 B big-endian");
        assertThat(bigEndian.headLength(bytes("\0\3abc"))).isEqualTo(2);
    }

    @Test
    void aLengthFieldWithAnOffsetAndAnAdjustmentFramesPostgresMessages() {
        Framer postgres = Framer.lengthPrefixed(1, 4, ByteOrder.BIG_ENDIAN, -4);
        // 'Z' ReadyForQuery: type, length 5 (itself and one status byte), 'I'
        frames(postgres, "Z\0\0\0\5I", "T\0\0\0\4");
        assertThat(postgres).hasToString("length-prefixed at 1 4 B big-endian -4");
        assertThatThrownBy(() -> length(postgres, "Z\0\0\0\2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length field 2 gives a message of 3 bytes (expected: 5 to 2147483647, the prefix at least)");
    }

    @Test
    void badLengthPrefixSettingsAreRefused() {
        assertThatThrownBy(() -> Framer.lengthPrefixed(5, ByteOrder.BIG_ENDIAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lengthPrefixed.widthBytes: 5 (expected: 1, 2, 3, 4 or 8)");
        assertThatThrownBy(() -> Framer.lengthPrefixed(-1, 2, ByteOrder.BIG_ENDIAN, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lengthPrefixed.offsetBytes: -1 (expected: >= 0)");
    }

    @Test
    void httpMessagesWithContentLengthChunkedOrNoBody() {
        Framer http = Framer.http1();
        String response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX: y\r\n\r\nhello";
        frames(http, response, "HTTP/1.1 204 No Content\r\n\r\n");
        frames(http, "HTTP/1.1 204 No Content\r\n\r\n", "junk");
        frames(http, "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n", "");
        frames(http, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "GET /b HTTP/1.1\r\n\r\n");
        frames(http, "POST /x HTTP/1.1\r\ncontent-length: 3\r\n\r\nabc", "");
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1\r\n!\r\n0\r\nTrailer: t\r\n\r\n";
        frames(http, chunked, "HTTP/1.1 200 OK\r\n");
        assertThat(length(http, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nabc")).isEqualTo(1041);
        assertThat(length(http, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end"))
                .as("a body that runs until the connection closes").isEqualTo(Framer.NEED_MORE);
        assertThat(http.headLength(bytes(response))).isEqualTo(response.indexOf("hello"));
    }

    @Test
    void httpFramingErrorsSayWhatWasWrong() {
        assertThatThrownBy(() -> length(Framer.http1(), "HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Content-Length: many (expected: a number)");
        assertThatThrownBy(() -> length(Framer.http1(), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk size \"zz\" (expected: hexadecimal)");
    }

    @Test
    void respValuesOfEveryKind() {
        Framer resp = Framer.resp();
        frames(resp, "+OK\r\n", "-ERR x\r\n");
        frames(resp, ":42\r\n", "");
        frames(resp, "$5\r\nhello\r\n", "+OK\r\n");
        frames(resp, "$-1\r\n", "");
        frames(resp, "*-1\r\n", "");
        frames(resp, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n", "*1\r\n$4\r\nPING\r\n");
        frames(resp, "*2\r\n*1\r\n:1\r\n$0\r\n\r\n", "");
        frames(resp, "%1\r\n+key\r\n:7\r\n", "");                 // RESP3 map
        frames(resp, "|1\r\n+ttl\r\n:3\r\n$2\r\nhi\r\n", "");    // an attribute, then its value
        frames(resp, "_\r\n", ",1.5\r\n");
        frames(resp, "PING\r\n", "PING\r\n");                      // inline command
        assertThat(length(resp, "$100\r\nabc")).as("known once the length is").isEqualTo(108);
    }

    @Test
    void respThatIsNotRespIsRefused() {
        assertThatThrownBy(() -> length(Framer.resp(), "$x\r\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length \"x\" after '$' (expected: a number)");
        assertThatThrownBy(() -> length(Framer.resp(), "*1\r\n?\r\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("type byte '?' at offset 4 (expected: one of + - : _ , # ( $ ! = * ~ > % |)");
    }
}
