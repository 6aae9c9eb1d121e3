package io.netharness.toxiproxy.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.netharness.simulator.Framer;
import io.netharness.simulator.Message;
import io.netharness.simulator.Trigger;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The NetHarness extension {@code "trigger"} of a fault toxic: when it acts, as the simulator's {@link Trigger}.
 * Times are whole milliseconds, Toxiproxy's unit. One kind at a time:
 * <ul>
 *   <li>time: {@code after}, {@code until} (a window), {@code after} with {@code every} and {@code lasting};</li>
 *   <li>flapping: {@code up} and {@code down}, optionally {@code jitter} (drawn from the proxy's seed);</li>
 *   <li>bytes: {@code after_bytes};</li>
 *   <li>messages: {@code message} (the Nth) or {@code matching} (a regular expression found in the text), with
 *       {@code framer} ({@code lines}, {@code length_prefixed}, {@code http}, {@code resp}; a length prefix reads
 *       {@code length_bytes}, {@code offset_bytes}, {@code adjustment}, {@code little_endian}) and {@code at}
 *       ({@code before}, {@code after_head}, {@code after});</li>
 * </ul>
 * and {@code connection} narrows any of them to the Nth connection. An absent trigger is "from the start of every
 * connection". Mistakes are 400s naming {@code trigger.<field>}.
 */
final class TriggerJson {

    private static final Set<String> FIELDS = Set.of("after", "until", "every", "lasting", "up", "down", "jitter",
            "after_bytes", "connection", "message", "matching", "framer", "length_bytes", "offset_bytes",
            "adjustment", "little_endian", "at");

    private final JsonObject json;

    private TriggerJson(JsonObject json) {
        this.json = json;
    }

    /** The trigger {@code element} describes; null or absent means on connect. */
    static Trigger parse(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return Trigger.onConnect();
        }
        if (!element.isJsonObject()) {
            throw ApiError.badRequestBody("trigger: " + JsonBodies.kind(element) + " (expected: an object such as"
                    + " {\"after\": 500})");
        }
        return new TriggerJson(element.getAsJsonObject()).read();
    }

    private Trigger read() {
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                throw ApiError.badRequestBody("trigger." + field + ": unknown (expected: one of "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        List<String> kinds = new ArrayList<>();
        if (has("after") || has("until") || has("every") || has("lasting")) {
            kinds.add("after/until/every");
        }
        if (has("up") || has("down")) {
            kinds.add("up/down");
        }
        if (has("after_bytes")) {
            kinds.add("after_bytes");
        }
        if (has("message") || has("matching")) {
            kinds.add("message/matching");
        }
        if (kinds.size() > 1) {
            throw ApiError.badRequestBody("trigger: sets " + kinds.get(0) + " and " + kinds.get(1) + " (expected: one"
                    + " kind of trigger)");
        }
        String kind = kinds.isEmpty() ? "" : kinds.get(0);
        if (!kind.equals("message/matching") && (has("framer") || has("at"))) {
            throw ApiError.badRequestBody("trigger.framer: set without message or matching (expected: both, the"
                    + " framer cuts the stream into the messages they select)");
        }
        if (has("jitter") && !kind.equals("up/down") && !has("every")) {
            throw ApiError.badRequestBody("trigger.jitter: set without up/down or every (expected: it varies their"
                    + " phases)");
        }
        Trigger inner;
        try {
            inner = switch (kind) {
                case "" -> Trigger.onConnect();
                case "up/down" -> flapping();
                case "after_bytes" -> Trigger.afterBytes(whole("after_bytes"));
                case "message/matching" -> message();
                default -> time();
            };
            if (!has("connection")) {
                return inner;
            }
            long connection = whole("connection");
            if (connection == 0) {
                throw ApiError.badRequestBody("trigger.connection: 0 (expected: a whole number >= 1, the"
                        + " connection's place in accept order)");
            }
            return Trigger.onConnection(connection, inner);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequestBody("trigger: " + e.getMessage());
        }
    }

    private Trigger time() {
        Duration after = millis("after");
        if (has("every")) {
            if (has("until")) {
                throw ApiError.badRequestBody("trigger.until: set with every (expected: lasting for each window)");
            }
            Trigger.Periodic periodic = Trigger.after(after).thenEvery(millis("every")).lasting(millis("lasting"));
            return has("jitter") ? periodic.withJitter(millis("jitter")) : periodic;
        }
        if (has("lasting")) {
            throw ApiError.badRequestBody("trigger.lasting: set without every (expected: until, for one window)");
        }
        return has("until") ? Trigger.between(after, millis("until")) : Trigger.after(after);
    }

    private Trigger flapping() {
        if (!has("up") || !has("down")) {
            throw ApiError.badRequestBody("trigger." + (has("up") ? "down" : "up") + ": missing (expected: both up"
                    + " and down, in ms)");
        }
        Trigger.Periodic flapping = Trigger.flapping(millis("up"), millis("down"));
        return has("jitter") ? flapping.withJitter(millis("jitter")) : flapping;
    }

    private Trigger message() {
        Framer framer = framer();
        Trigger.OnMessage trigger;
        if (has("message") && has("matching")) {
            throw ApiError.badRequestBody("trigger: sets message and matching (expected: one of them)");
        }
        if (has("message")) {
            trigger = Trigger.onMessage(framer, whole("message"));
        } else {
            trigger = Trigger.onMessage(framer, matching());
        }
        String at = has("at") ? string("at") : "before";
        return switch (at) {
            case "before" -> trigger;
            case "after_head" -> trigger.afterHead();
            case "after" -> trigger.after();
            default -> throw ApiError.badRequestBody("trigger.at: \"" + at + "\" (expected: before, after_head or"
                    + " after)");
        };
    }

    private Framer framer() {
        if (!has("framer")) {
            throw ApiError.badRequestBody("trigger.framer: missing (expected: lines, length_prefixed, http or resp)");
        }
        String name = string("framer").toLowerCase(Locale.ROOT);
        return switch (name) {
            case "lines" -> Framer.lines();
            case "http" -> Framer.http1();
            case "resp" -> Framer.resp();
            case "length_prefixed" -> Framer.lengthPrefixed((int) (has("offset_bytes") ? whole("offset_bytes") : 0),
                    (int) (has("length_bytes") ? whole("length_bytes") : 4),
                    has("little_endian") && bool("little_endian") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN,
                    (int) (has("adjustment") ? integer("adjustment") : 0));
            default -> throw ApiError.badRequestBody("trigger.framer: \"" + name + "\" (expected: lines,"
                    + " length_prefixed, http or resp)");
        };
    }

    private Predicate<Message> matching() {
        String regex = string("matching");
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw ApiError.badRequestBody("trigger.matching: \"" + regex + "\" (expected: a regular expression; "
                    + e.getDescription() + ")");
        }
        return Message.textMatching(pattern);
    }

    private boolean has(String field) {
        JsonElement value = json.get(field);
        return value != null && !value.isJsonNull();
    }

    private Duration millis(String field) {
        return has(field) ? Duration.ofMillis(whole(field)) : Duration.ZERO;
    }

    private long whole(String field) {
        long value = integer(field);
        if (value < 0) {
            throw ApiError.badRequestBody("trigger." + field + ": " + value + " (expected: a whole number >= 0)");
        }
        return value;
    }

    private long integer(String field) {
        JsonElement value = json.get(field);
        if (!(value instanceof JsonPrimitive primitive) || !primitive.isNumber()) {
            throw ApiError.badRequestBody("trigger." + field + ": " + JsonBodies.kind(value) + " (expected: a whole"
                    + " number)");
        }
        BigDecimal number = primitive.getAsBigDecimal();
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw ApiError.badRequestBody("trigger." + field + ": " + number + " (expected: a whole number)");
        }
    }

    private String string(String field) {
        JsonElement value = json.get(field);
        if (!(value instanceof JsonPrimitive primitive) || !primitive.isString()) {
            throw ApiError.badRequestBody("trigger." + field + ": " + JsonBodies.kind(value) + " (expected: a"
                    + " string)");
        }
        return primitive.getAsString();
    }

    private boolean bool(String field) {
        JsonElement value = json.get(field);
        if (!(value instanceof JsonPrimitive primitive) || !primitive.isBoolean()) {
            throw ApiError.badRequestBody("trigger." + field + ": " + JsonBodies.kind(value) + " (expected: true or"
                    + " false)");
        }
        return primitive.getAsBoolean();
    }
}
