package io.netharness.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

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

    /**
     * Messages whose {@link #text()} contains a match of {@code pattern}, for
     * {@link Trigger#onMessage(Framer, Predicate)}. Two such predicates are equal when their patterns' text and flags
     * are, so two faults built from the same expression compare equal; it prints as {@code /pattern/}.
     */
    static Predicate<Message> textMatching(Pattern pattern) {
        return new TextMatching(Objects.requireNonNull(pattern, "pattern"));
    }
}
