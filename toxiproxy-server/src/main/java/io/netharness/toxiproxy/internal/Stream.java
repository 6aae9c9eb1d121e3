package io.netharness.toxiproxy.internal;

import io.netharness.simulator.Direction;
import java.util.Locale;

/**
 * Toxiproxy's {@code stream} of a toxic: {@code upstream} is client to server, {@code downstream} server to
 * client (the default).
 */
public enum Stream {
    UPSTREAM(Direction.UPSTREAM),
    DOWNSTREAM(Direction.DOWNSTREAM);

    private final Direction direction;

    Stream(Direction direction) {
        this.direction = direction;
    }

    public Direction direction() {
        return direction;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the stream as Toxiproxy does, ignoring case; null if it is neither. */
    public static Stream parse(String text) {
        for (Stream stream : values()) {
            if (stream.jsonName().equalsIgnoreCase(text)) {
                return stream;
            }
        }
        return null;
    }
}
