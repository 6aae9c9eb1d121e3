package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.Direction;
import io.netharness.simulator.Message;
import java.nio.ByteBuffer;

/** A {@link Message} over bytes the framing still owns; valid only while a predicate or framer looks at it. */
record MessageView(long number, Direction direction, long connection, ByteBuffer content) implements Message {

    @Override
    public int length() {
        return content.remaining();
    }

    @Override
    public ByteBuffer bytes() {
        return content.duplicate(); // each caller starts at position 0, whatever an earlier one read
    }

    @Override
    public String toString() {
        return "Message{" + direction + " #" + number + " of connection " + connection + ", " + length() + " bytes}";
    }
}
