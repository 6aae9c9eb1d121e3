package io.netharness.simulator.internal.frame;

import io.netharness.simulator.Framer;
import java.nio.ByteBuffer;

/**
 * Redis's serialization protocol, RESP2 and RESP3: a message is one top-level value. Simple types end at CRLF
 * ({@code + - : _ , # (}); blobs carry a length ({@code $ ! =}, -1 for null); aggregates a count of elements
 * ({@code * ~ >}, {@code %} of pairs); an attribute ({@code |}) belongs to the value after it. Anything else is an
 * inline command, one line.
 */
public final class RespFramer implements Framer {

    public static final RespFramer INSTANCE = new RespFramer();
    private static final int MAX_DEPTH = 64;

    private RespFramer() {
    }

    @Override
    public int messageLength(ByteBuffer buffered) {
        byte type = buffered.get(0);
        if ("+-:_,#($!=*~>%|".indexOf(type) < 0) {
            int end = Scan.indexOf(buffered, 0, (byte) '\n');
            return end < 0 ? NEED_MORE : end + 1; // inline command
        }
        return valueEnd(buffered, 0, 0);
    }

    /** The end of the value starting at {@code at}, or NEED_MORE. */
    private static int valueEnd(ByteBuffer buffer, int at, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("values nested deeper than " + MAX_DEPTH);
        }
        if (at >= buffer.limit()) {
            return NEED_MORE;
        }
        byte type = buffer.get(at);
        int lineEnd = Scan.afterCrlf(buffer, at + 1);
        if (lineEnd < 0) {
            return NEED_MORE;
        }
        switch (type) {
            case '+', '-', ':', '_', ',', '#', '(' -> {
                return lineEnd;
            }
            case '$', '!', '=' -> {
                long length = number(buffer, at, lineEnd);
                if (length < 0) {
                    return lineEnd; // null bulk string
                }
                long end = lineEnd + length + 2;
                if (end > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("bulk length " + length + " (expected: below 2 GiB)");
                }
                return (int) end; // known once the length is: the framing waits for the rest
            }
            case '*', '~', '>', '%', '|' -> {
                long count = number(buffer, at, lineEnd);
                if (count < 0) {
                    return lineEnd; // null array
                }
                long elements = type == '%' || type == '|' ? count * 2 : count;
                int position = lineEnd;
                for (long i = 0; i < elements; i++) {
                    position = valueEnd(buffer, position, depth + 1);
                    if (position < 0 || position > buffer.limit()) {
                        return NEED_MORE;
                    }
                }
                return type == '|' ? valueEnd(buffer, position, depth + 1) : position;
            }
            default -> throw new IllegalArgumentException("type byte '" + (char) type + "' at offset " + at
                    + " (expected: one of + - : _ , # ( $ ! = * ~ > % |)");
        }
    }

    private static long number(ByteBuffer buffer, int at, int lineEnd) {
        String text = Scan.ascii(buffer, at + 1, lineEnd - 2);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("length \"" + text + "\" after '" + (char) buffer.get(at)
                    + "' (expected: a number)", e);
        }
    }

    @Override
    public String toString() {
        return "RESP";
    }
}
