package io.netharness.simulator.internal.frame;

import io.netharness.simulator.Framer;
import java.nio.ByteBuffer;

/** Lines: each message runs up to and including a {@code '\n'}. */
public final class LineFramer implements Framer {

    public static final LineFramer INSTANCE = new LineFramer();

    private LineFramer() {
    }

    @Override
    public int messageLength(ByteBuffer buffered) {
        int end = Scan.indexOf(buffered, 0, (byte) '\n');
        return end < 0 ? NEED_MORE : end + 1;
    }

    @Override
    public String toString() {
        return "lines";
    }
}
