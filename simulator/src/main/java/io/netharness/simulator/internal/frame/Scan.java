package io.netharness.simulator.internal.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Searches the framers share; absolute reads, so the buffer's position never moves. */
final class Scan {

    private Scan() {
    }

    /** Index of the first {@code b} at or after {@code from}, or -1. */
    static int indexOf(ByteBuffer buffer, int from, byte b) {
        for (int i = from; i < buffer.limit(); i++) {
            if (buffer.get(i) == b) {
                return i;
            }
        }
        return -1;
    }

    /** Index just after the first CRLF at or after {@code from}, or -1. */
    static int afterCrlf(ByteBuffer buffer, int from) {
        for (int i = Math.max(from, 0); i + 1 < buffer.limit(); i++) {
            if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n') {
                return i + 2;
            }
        }
        return -1;
    }

    /** The bytes from {@code from} to {@code to} as ASCII text. */
    static String ascii(ByteBuffer buffer, int from, int to) {
        byte[] bytes = new byte[to - from];
        for (int i = from; i < to; i++) {
            bytes[i - from] = buffer.get(i);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
