package io.netharness.simulator.internal.frame;

import io.netharness.simulator.Framer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A length field of {@code widthBytes} in {@code order}, {@code offsetBytes} into each message; the message is
 * {@code offsetBytes + widthBytes + length + adjustment} bytes long. The prefix (offset and field) is its head.
 *
 * @param offsetBytes bytes before the length field, at least 0
 * @param widthBytes  1, 2, 3, 4 or 8
 * @param order       the field's byte order
 * @param adjustment  added to the length field's value, e.g. -4 for a length that counts its own four bytes
 */
public record LengthPrefixedFramer(int offsetBytes, int widthBytes, ByteOrder order, int adjustment)
        implements Framer {

    public LengthPrefixedFramer {
        if (offsetBytes < 0) {
            throw new IllegalArgumentException("lengthPrefixed.offsetBytes: " + offsetBytes + " (expected: >= 0)");
        }
        if (widthBytes != 1 && widthBytes != 2 && widthBytes != 3 && widthBytes != 4 && widthBytes != 8) {
            throw new IllegalArgumentException("lengthPrefixed.widthBytes: " + widthBytes
                    + " (expected: 1, 2, 3, 4 or 8)");
        }
        Objects.requireNonNull(order, "lengthPrefixed.order");
    }

    @Override
    public int messageLength(ByteBuffer buffered) {
        int prefix = offsetBytes + widthBytes;
        if (buffered.limit() < prefix) {
            return NEED_MORE;
        }
        long length = 0;
        for (int i = 0; i < widthBytes; i++) {
            int b = buffered.get(offsetBytes + (order == ByteOrder.BIG_ENDIAN ? i : widthBytes - 1 - i)) & 0xff;
            length = (length << 8) | b;
        }
        if (widthBytes == 8 && length < 0) {
            throw new IllegalArgumentException("length field " + Long.toUnsignedString(length)
                    + " (expected: below 2^31)");
        }
        long total = prefix + length + adjustment;
        if (total < prefix || total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("length field " + length + " gives a message of " + total
                    + " bytes (expected: " + prefix + " to " + Integer.MAX_VALUE + ", the prefix at least)");
        }
        return (int) total;
    }

    @Override
    public int headLength(ByteBuffer message) {
        return offsetBytes + widthBytes;
    }

    @Override
    public String toString() {
        return "length-prefixed " + (offsetBytes == 0 ? "" : "at " + offsetBytes + " ") + widthBytes + " B "
                + (order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian")
                + (adjustment == 0 ? "" : " " + (adjustment > 0 ? "+" : "") + adjustment);
    }
}
