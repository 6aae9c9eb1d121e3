package io.netharness.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable run of bytes: the data message that crosses component boundaries.
 *
 * <p>Components never hand users Netty's reference-counted buffers; they copy what a socket read into a
 * {@code Chunk} and release the buffer in the handler that read it, so user code cannot leak one.
 * A {@code Chunk} is safe to share between threads. Equality is by content.
 */
public final class Chunk {

    private static final Chunk EMPTY = new Chunk(new byte[0]);
    private static final int PREVIEW_BYTES = 32;

    private final byte[] bytes;

    private Chunk(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A chunk holding a copy of {@code bytes}; later changes to the array do not show. */
    public static Chunk of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Chunk(bytes.clone());
    }

    /** A chunk holding a copy of the remaining bytes of {@code buffer}; the buffer's position is unchanged. */
    public static Chunk copyOf(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy.length == 0 ? EMPTY : new Chunk(copy);
    }

    /** A chunk holding {@code text} encoded as UTF-8. */
    public static Chunk ofUtf8(String text) {
        return text.isEmpty() ? EMPTY : new Chunk(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The empty chunk. */
    public static Chunk empty() {
        return EMPTY;
    }

    /** Number of bytes. */
    public int size() {
        return bytes.length;
    }

    /** Whether this chunk holds no bytes. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index} (0-based). */
    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** A read-only view of the bytes without copying them. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** The bytes decoded as UTF-8 (malformed input is replaced, never thrown). */
    public String toUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A chunk of this one's bytes followed by {@code other}'s. */
    public Chunk concat(Chunk other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        byte[] joined = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
        System.arraycopy(other.bytes, 0, joined, bytes.length, other.bytes.length);
        return new Chunk(joined);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Chunk chunk && Arrays.equals(bytes, chunk.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Shows the size and, for printable content, the start of the text: {@code Chunk[5 bytes "hello"]}. */
    @Override
    public String toString() {
        int shown = Math.min(bytes.length, PREVIEW_BYTES);
        StringBuilder preview = new StringBuilder(shown);
        for (int i = 0; i < shown; i++) {
            char c = (char) (bytes[i] & 0xff);
            preview.append(c >= 0x20 && c < 0x7f ? c : '.');
        }
        return "Chunk[" + bytes.length + " bytes \"" + preview + (shown < bytes.length ? "…" : "") + "\"]";
    }
}
