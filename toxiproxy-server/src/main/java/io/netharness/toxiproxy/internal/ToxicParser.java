package io.netharness.toxiproxy.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns the JSON of {@code POST /proxies/{proxy}/toxics} and of a toxic update into {@link Toxic} values, checking
 * in Toxiproxy's order: the body's fields, stream, type, duplicate name, then attributes. Under
 * {@link Validation#STRICT} every value must also be in its range.
 */
final class ToxicParser {

    /** An integer literal, the only number text Go stores in an integer field. */
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    private ToxicParser() {
    }

    /**
     * Parses a new toxic for a proxy of the given protocol.
     *
     * @param nameTaken tells whether a toxic of that name already exists on the proxy (409 if so)
     */
    static Toxic create(String body, ProxyProtocol protocol, Predicate<String> nameTaken, Validation validation) {
        return create(JsonBodies.object(body, "toxics.ToxicWrapper"), protocol, nameTaken, validation);
    }

    /** As {@link #create(String, ProxyProtocol, Predicate, Validation)}, from a toxic object already parsed. */
    static Toxic create(JsonObject json, ProxyProtocol protocol, Predicate<String> nameTaken, Validation validation) {
        String name = JsonBodies.string(json, "name", "", "ToxicWrapper.name");
        String typeText = JsonBodies.string(json, "type", "", "ToxicWrapper.type");
        String streamText = JsonBodies.string(json, "stream", "downstream", "ToxicWrapper.stream");
        JsonPrimitive toxicityValue = JsonBodies.number(json, "toxicity", "ToxicWrapper.toxicity", "float32");
        JsonElement attributes = JsonBodies.member(json, "attributes");
        if (attributes != null && !attributes.isJsonNull() && !attributes.isJsonObject()) {
            // Go decodes the attributes into a no-op toxic before it knows the type.
            throw GoJson.mismatch(attributes, "ToxicWrapper.attributes", "toxics.NoopToxic");
        }
        Stream stream = Stream.parse(streamText);
        if (stream == null) {
            throw ApiError.invalidStream();
        }
        if (name.isEmpty()) {
            name = typeText + "_" + streamText; // the stream as written: Toxiproxy names it latency_UPSTREAM
        }
        ToxicType type = ToxicType.parse(typeText);
        if (type == null) {
            throw ApiError.invalidToxicType();
        }
        if (!type.appliesTo(protocol)) {
            throw new ApiError(ApiError.BAD_REQUEST, "invalid toxic type: " + typeText + " does not apply to "
                    + protocol.jsonName() + " proxies");
        }
        if (nameTaken.test(name)) {
            throw ApiError.toxicAlreadyExists();
        }
        float toxicity = toxicity(toxicityValue, 1.0f, protocol, validation);
        Map<String, Number> values = attributes(type, defaults(type), attributes, validation);
        return checked(new Toxic(name, type, stream, streamText, toxicity, values, trigger(json, type, null)));
    }

    /** Applies an update body ({@code attributes} and {@code toxicity}, both optional) to an existing toxic. */
    static Toxic update(Toxic existing, String body, ProxyProtocol protocol, Validation validation) {
        JsonObject json = JsonBodies.object(body, "struct { Attributes interface {} \"json:\\\"attributes\\\"\"; "
                + "Toxicity float32 \"json:\\\"toxicity\\\"\" }");
        JsonElement attributes = JsonBodies.member(json, "attributes");
        if (attributes != null && !attributes.isJsonNull() && !attributes.isJsonObject()) {
            throw GoJson.mismatch(attributes, "attributes", "toxics." + existing.type().goStruct());
        }
        Map<String, Number> values = attributes(existing.type(), existing.attributes(), attributes, validation);
        JsonPrimitive toxicityValue = JsonBodies.number(json, "toxicity", "toxicity", "float32");
        float toxicity = toxicity(toxicityValue, existing.toxicity(), protocol, validation);
        return checked(existing.with(toxicity, values, trigger(json, existing.type(), existing.trigger())));
    }

    /**
     * The NetHarness extension {@code "trigger"}: only fault toxics take one, so a Toxiproxy client (which never
     * sends it) sees Toxiproxy's toxics unchanged. Absent keeps {@code fallback}; null clears it.
     */
    private static JsonObject trigger(JsonObject json, ToxicType type, JsonObject fallback) {
        if (!json.has("trigger")) {
            return fallback;
        }
        JsonElement trigger = json.get("trigger");
        if (trigger.isJsonNull()) {
            return null;
        }
        if (!type.isFault()) {
            throw ApiError.badRequestBody("trigger: set on a " + type.jsonName() + " toxic (expected: only on"
                    + " NetHarness's fault toxics: " + ToxicType.faultNames() + ")");
        }
        TriggerJson.parse(trigger); // checks every field, naming it
        return trigger.getAsJsonObject();
    }

    /** A fault toxic must make a fault the simulator accepts; checked here, before anything changes. */
    private static Toxic checked(Toxic toxic) {
        if (toxic.type().isFault()) {
            FaultToxicEffects.fault(toxic);
        }
        return toxic;
    }

    private static float toxicity(JsonPrimitive value, float fallback, ProxyProtocol protocol, Validation validation) {
        if (value == null) {
            return fallback;
        }
        double toxicity = value.getAsDouble();
        if (validation.strict() && !(toxicity >= 0.0 && toxicity <= 1.0)) {
            throw ApiError.badRequestBody("toxicity: " + value + " (expected: 0.0-1.0)");
        }
        // A UDP proxy has no connections to choose among; its toxics say per datagram how likely they act.
        if (protocol == ProxyProtocol.UDP && toxicity != 0.0 && toxicity != 1.0) {
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

    private static Map<String, Number> attributes(ToxicType type, Map<String, Number> base, JsonElement given,
            Validation validation) {
        Map<String, Number> result = new LinkedHashMap<>(base);
        if (given == null || given.isJsonNull()) {
            return checkCombination(type, result, validation);
        }
        JsonObject attributes = given.getAsJsonObject();
        for (AttributeSpec spec : type.attributes()) {
            String goField = type.goStruct() + ".attributes." + spec.name();
            JsonPrimitive value = JsonBodies.number(attributes, spec.name(), goField, spec.goType());
            if (value != null) {
                result.put(spec.name(), checked(type, spec, value, goField, validation));
            }
        }
        return checkCombination(type, result, validation);
    }

    private static Number checked(ToxicType type, AttributeSpec spec, JsonPrimitive value, String goField,
            Validation validation) {
        BigDecimal number = value.getAsBigDecimal();
        if (spec.whole()) {
            // Go stores only integer literals in an integer field ("1.0" and "1e3" are type errors there). The fault
            // toxics are NetHarness's own: their ranges are always checked.
            if (!INTEGER.matcher(value.getAsString()).matches() || number.toBigInteger().bitLength() > 63) {
                throw GoJson.mismatch(value, goField, spec.goType());
            }
            if ((validation.strict() || type.isFault()) && (number.compareTo(BigDecimal.valueOf(spec.min())) < 0
                    || number.compareTo(BigDecimal.valueOf((long) spec.max())) > 0)) {
                throw outOfRange(spec, value);
            }
            return number.longValueExact();
        }
        double decimal = number.doubleValue();
        // Probabilities are NetHarness's own attributes: always checked, whatever the validation.
        if (!(decimal >= spec.min() && decimal <= spec.max())) {
            throw outOfRange(spec, value);
        }
        return decimal;
    }

    private static ApiError outOfRange(AttributeSpec spec, JsonPrimitive value) {
        return ApiError.badRequestBody(spec.name() + ": " + value + " (expected: " + spec.expected() + ")");
    }

    /** Constraints between attributes, which no single range can express; strict validation only. */
    private static Map<String, Number> checkCombination(ToxicType type, Map<String, Number> attributes,
            Validation validation) {
        if (type == ToxicType.SLICER && validation.strict()) {
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
