package io.netharness.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One message a {@link Framer} found, as a predicate of {@link Trigger#onMessage(Framer, java.util.function.Predicate)}
 * sees it. Valid only during the call: copy what you keep.
 */
public interface Message {

    /** Its place in the direction, 1 for the first message framed on the connection. */
    long number();

    /** The direction it travels in. */
    Direction direction();

    /** The connection it belongs to, 1 for the first the link accepted. */
    long connection();

    /** Its length in bytes. */
    int length();

    /** Its bytes, read-only, from position 0 to {@link #length()}. */
    ByteBuffer bytes();

    /** Its bytes as text (UTF-8, malformed input replaced), for predicates such as {@code m.text().contains("GET")}. */
    default String text() {
        return StandardCharsets.UTF_8.decode(bytes()).toString();
    }
}
