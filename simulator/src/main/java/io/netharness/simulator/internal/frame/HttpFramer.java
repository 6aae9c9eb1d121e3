package io.netharness.simulator.internal.frame;

import io.netharness.simulator.Framer;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * HTTP/1.1 messages (RFC 9112): a head up to the empty line, then a body framed by {@code Transfer-Encoding: chunked}
 * (chunks, the last one empty, then trailers) or {@code Content-Length}. Responses with status 1xx, 204 or 304 and
 * requests without either header have no body; a response with neither runs until the connection closes, so it is
 * never a whole message here.
 */
public final class HttpFramer implements Framer {

    public static final HttpFramer INSTANCE = new HttpFramer();

    private HttpFramer() {
    }

    @Override
    public int messageLength(ByteBuffer buffered) {
        int head = headEnd(buffered);
        if (head < 0) {
            return NEED_MORE;
        }
        String[] lines = Scan.ascii(buffered, 0, head - 4).split("\r\n");
        boolean response = lines[0].startsWith("HTTP/");
        if (response && hasNoBody(lines[0])) {
            return head;
        }
        boolean chunked = false;
        long contentLength = -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            } else if (name.equals("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Content-Length: " + value + " (expected: a number)", e);
                }
            }
        }
        if (chunked) {
            return chunkedEnd(buffered, head);
        }
        if (contentLength >= 0) {
            long total = head + contentLength;
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Content-Length: " + contentLength + " (expected: below 2 GiB)");
            }
            return (int) total;
        }
        return response ? NEED_MORE : head;
    }

    @Override
    public int headLength(ByteBuffer message) {
        int head = headEnd(message);
        return head < 0 ? 0 : head;
    }

    /** Index just after the empty line that ends the head, or -1. */
    private static int headEnd(ByteBuffer buffer) {
        for (int i = 0; i + 3 < buffer.limit(); i++) {
            if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n' && buffer.get(i + 2) == '\r'
                    && buffer.get(i + 3) == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private static boolean hasNoBody(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException("status line \"" + statusLine + "\" (expected: HTTP/1.1 <code> ...)");
        }
        String code = parts[1];
        return code.startsWith("1") || code.equals("204") || code.equals("304");
    }

    /** The end of a chunked body starting at {@code at}, or NEED_MORE. */
    private static int chunkedEnd(ByteBuffer buffer, int at) {
        int position = at;
        while (true) {
            int lineEnd = Scan.afterCrlf(buffer, position);
            if (lineEnd < 0) {
                return NEED_MORE;
            }
            String sizeLine = Scan.ascii(buffer, position, lineEnd - 2);
            int extension = sizeLine.indexOf(';');
            String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("chunk size \"" + sizeLine + "\" (expected: hexadecimal)", e);
            }
            if (size == 0) {
                return trailersEnd(buffer, lineEnd);
            }
            long next = lineEnd + size + 2;
            if (next > buffer.limit()) {
                return NEED_MORE;
            }
            position = (int) next;
        }
    }

    /** After the last chunk: trailer lines up to an empty line. */
    private static int trailersEnd(ByteBuffer buffer, int at) {
        int position = at;
        while (true) {
            int lineEnd = Scan.afterCrlf(buffer, position);
            if (lineEnd < 0) {
                return NEED_MORE;
            }
            if (lineEnd == position + 2) {
                return lineEnd;
            }
            position = lineEnd;
        }
    }

    @Override
    public String toString() {
        return "HTTP/1.1";
    }
}
