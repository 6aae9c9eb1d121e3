package io.netharness.toxiproxy.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns the JSON of {@code POST /proxies/{proxy}/toxics} and of a toxic update into {@link Toxic} values,
 * checking in Toxiproxy's order: stream, type, duplicate name, then attributes.
 */
final class ToxicParser {

    private ToxicParser() {
    }

    /**
     * Parses a new toxic for a proxy of the given protocol.
     *
     * @param nameTaken tells whether a toxic of that name already exists on the proxy (409 if so)
     */
    static Toxic create(String body, Protocol protocol, Predicate<String> nameTaken) {
        JsonObject json = JsonBodies.object(body);
        String streamText = JsonBodies.string(json, "stream", "downstream");
        Stream stream = Stream.parse(streamText);
        if (stream == null) {
            throw ApiError.invalidStream();
        }
        String typeText = JsonBodies.string(json, "type", "");
        ToxicType type = ToxicType.parse(typeText);
        if (type == null) {
            throw ApiError.invalidToxicType();
        }
        if (!type.appliesTo(protocol)) {
            throw new ApiError(ApiError.BAD_REQUEST, "invalid toxic type: " + typeText + " does not apply to "
                    + protocol.jsonName() + " proxies");
        }
        String name = JsonBodies.string(json, "name", "");
        if (name.isEmpty()) {
            name = type.jsonName() + "_" + stream.jsonName();
        }
        if (nameTaken.test(name)) {
            throw ApiError.toxicAlreadyExists();
        }
        float toxicity = toxicity(json, 1.0f, protocol);
        Map<String, Number> attributes = attributes(type, defaults(type), json.get("attributes"));
        return new Toxic(name, type, stream, toxicity, attributes);
    }

    /** Applies an update body ({@code attributes} and {@code toxicity}, both optional) to an existing toxic. */
    static Toxic update(Toxic existing, String body, Protocol protocol) {
        JsonObject json = JsonBodies.object(body);
        float toxicity = toxicity(json, existing.toxicity(), protocol);
        Map<String, Number> attributes = attributes(existing.type(), existing.attributes(), json.get("attributes"));
        return existing.with(toxicity, attributes);
    }

    private static float toxicity(JsonObject json, float fallback, Protocol protocol) {
        JsonPrimitive value = JsonBodies.number(json, "toxicity");
        if (value == null) {
            return fallback;
        }
        double toxicity = value.getAsDouble();
        if (!(toxicity >= 0.0 && toxicity <= 1.0)) {
            throw ApiError.badRequestBody("toxicity: " + value + " (expected: 0.0-1.0)");
        }
        // A UDP proxy has no connections to choose among; its toxics say per datagram how likely they act.
        if (protocol == Protocol.UDP && toxicity != 0.0 && toxicity != 1.0) {
            throw ApiError.badRequestBody("toxicity: " + value
                    + " (expected: 0 or 1 on udp proxies; use the toxic's probability attribute)");
        }
        return (float) toxicity;
    }

    private static Map<String, Number> defaults(ToxicType type) {
        Map<String, Number> defaults = new LinkedHashMap<>();
        for (AttributeSpec spec : type.attributes()) {
            defaults.put(spec.name(), spec.whole() ? (Number) (long) spec.defaultValue() : spec.defaultValue());
        }
        return defaults;
    }

    private static Map<String, Number> attributes(ToxicType type, Map<String, Number> base, JsonElement given) {
        Map<String, Number> result = new LinkedHashMap<>(base);
        if (given == null || given.isJsonNull()) {
            return checkCombination(type, result);
        }
        if (!given.isJsonObject()) {
            throw ApiError.badRequestBody("attributes: expected an object (was " + JsonBodies.kind(given) + ")");
        }
        JsonObject attributes = given.getAsJsonObject();
        for (AttributeSpec spec : type.attributes()) {
            JsonPrimitive value = JsonBodies.number(attributes, spec.name());
            if (value != null) {
                result.put(spec.name(), checked(spec, value));
            }
        }
        return checkCombination(type, result);
    }

    private static Number checked(AttributeSpec spec, JsonPrimitive value) {
        BigDecimal number = value.getAsBigDecimal();
        if (spec.whole()) {
            if (number.stripTrailingZeros().scale() > 0) {
                throw ApiError.badRequestBody(spec.name() + ": " + value + " (expected: a whole number "
                        + spec.expected() + ")");
            }
            if (number.compareTo(BigDecimal.valueOf(spec.min())) < 0
                    || number.compareTo(BigDecimal.valueOf((long) spec.max())) > 0) {
                throw outOfRange(spec, value);
            }
            return number.longValueExact();
        }
        double decimal = number.doubleValue();
        if (!(decimal >= spec.min() && decimal <= spec.max())) {
            throw outOfRange(spec, value);
        }
        return decimal;
    }

    private static ApiError outOfRange(AttributeSpec spec, JsonPrimitive value) {
        return ApiError.badRequestBody(spec.name() + ": " + value + " (expected: " + spec.expected() + ")");
    }

    /** Constraints between attributes, which no single range can express. */
    private static Map<String, Number> checkCombination(ToxicType type, Map<String, Number> attributes) {
        if (type == ToxicType.SLICER) {
            long average = attributes.get("average_size").longValue();
            long variation = attributes.get("size_variation").longValue();
            if (variation >= average) {
                throw ApiError.badRequestBody("size_variation: " + variation + " (expected: 0-" + (average - 1)
                        + ", below average_size)");
            }
        }
        if (type == ToxicType.FOUR_STATE) {
            atMostOne(attributes, "p13", "p14");
            atMostOne(attributes, "p31", "p32");
        }
        return attributes;
    }

    /** The four-state chain leaves a state with at most probability 1 in all. */
    private static void atMostOne(Map<String, Number> attributes, String first, String second) {
        double sum = attributes.get(first).doubleValue() + attributes.get(second).doubleValue();
        if (sum > 1.0) {
            throw ApiError.badRequestBody(first + " + " + second + ": " + sum + " (expected: <= 1.0)");
        }
    }
}
