package io.netharness.toxiproxy.internal.cli;

import com.google.gson.JsonObject;
import io.netharness.toxiproxy.internal.Stream;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code --fault} value, {@code [up:|down:]TYPE [ATTRIBUTE=VALUE ...] [FIELD VALUE ...]}, as the toxic objects
 * the API takes: {@code TYPE} is a fault toxic ({@code reset}, {@code hang}, {@code refuse}, {@code message_drop},
 * ...), the attributes are its attributes and the field-value pairs its {@code trigger}, e.g.
 * {@code down:reset after 2s} or {@code cut up 200ms down 100ms jitter 20ms}. Times take units ({@code 2s},
 * {@code 200ms}; a bare number is milliseconds). The API checks the result as it checks any toxic.
 */
final class FaultFlag {

    private static final Set<String> TIMES = Set.of("after", "until", "every", "lasting", "up", "down", "jitter");
    private static final Set<String> WHOLE = Set.of("after_bytes", "connection", "message", "length_bytes",
            "offset_bytes", "adjustment");
    private static final Set<String> TEXT = Set.of("framer", "at", "matching");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+");

    private FaultFlag() {
    }

    /** The toxic object (without a name) that {@code text} describes, on {@code stream}. */
    static JsonObject toxic(String text, Stream stream) {
        String[] words = text.trim().split("\\s+");
        if (words[0].isEmpty()) {
            throw new UsageException("--fault: empty (expected: [up:|down:]TYPE [ATTRIBUTE=VALUE ...] [FIELD VALUE"
                    + " ...], e.g. 'down:reset after 2s')");
        }
        JsonObject toxic = new JsonObject();
        toxic.addProperty("type", words[0]);
        toxic.addProperty("stream", stream.jsonName());
        JsonObject attributes = new JsonObject();
        JsonObject trigger = new JsonObject();
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            int equals = word.indexOf('=');
            if (equals > 0) {
                attributes.addProperty(word.substring(0, equals), number(word.substring(0, equals),
                        word.substring(equals + 1)));
                continue;
            }
            if (i + 1 >= words.length) {
                throw new UsageException("--fault: " + word + " needs a value (expected: FIELD VALUE pairs such as"
                        + " 'after 2s', or ATTRIBUTE=VALUE)");
            }
            String value = words[++i];
            if (TIMES.contains(word)) {
                trigger.addProperty(word, Values.duration("--fault " + word, value).toMillis());
            } else if (WHOLE.contains(word)) {
                trigger.addProperty(word, whole(word, value));
            } else if (TEXT.contains(word)) {
                trigger.addProperty(word, value);
            } else if (word.equals("little_endian")) {
                trigger.addProperty(word, Boolean.parseBoolean(value));
            } else {
                throw new UsageException("--fault: " + word + " (expected: a trigger field: after, until, every,"
                        + " lasting, up, down, jitter, after_bytes, connection, message, matching, framer, at,"
                        + " length_bytes, offset_bytes, adjustment, little_endian; or ATTRIBUTE=VALUE)");
            }
        }
        toxic.add("attributes", attributes);
        if (trigger.size() > 0) {
            toxic.add("trigger", trigger);
        }
        return toxic;
    }

    /** Whether a fault type acts on the listener or both ways, so that one toxic serves both streams. */
    static boolean takesNoStream(String type) {
        return List.of("refuse", "accept_delay", "accept_then_hang", "cut").contains(type);
    }

    /** An attribute: a whole number in the API's unit, or a duration in milliseconds. */
    private static long number(String attribute, String text) {
        return WHOLE_NUMBER.matcher(text).matches() ? Long.parseLong(text)
                : Values.duration("--fault " + attribute, text).toMillis();
    }

    private static long whole(String field, String text) {
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new UsageException("--fault " + field + ": " + text + " (expected: a whole number)");
        }
        return Long.parseLong(text);
    }
}
