package io.netharness.toxiproxy.internal;

import com.google.gson.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A toxic as the API knows it: an immutable value with Toxiproxy's fields. Attributes hold every attribute of
 * the type (defaults filled in), in the type's order, so the JSON always shows all of them as Toxiproxy does.
 *
 * @param name       unique within its proxy; defaults to {@code <type>_<stream>}
 * @param type       what the toxic does
 * @param stream     the direction it acts on
 * @param streamName the stream as the client wrote it ({@code UPSTREAM} stays {@code UPSTREAM}, as in Toxiproxy,
 *                   so the default name and later look-ups agree with Toxiproxy's)
 * @param toxicity   probability that a new connection is affected: 1 or more always, 0 or less never
 * @param attributes attribute name to value; whole-number attributes are stored as {@link Long}
 * @param trigger    the NetHarness extension {@code "trigger"} of a fault toxic as the client sent it (checked by
 *                   {@link TriggerJson}), or null for "from the start of every connection"
 */
public record Toxic(String name, ToxicType type, Stream stream, String streamName, float toxicity,
        Map<String, Number> attributes, JsonObject trigger) {

    public Toxic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(streamName, "streamName");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        trigger = trigger == null ? null : trigger.deepCopy(); // JsonObject is mutable; the record is not
    }

    public Toxic(String name, ToxicType type, Stream stream, String streamName, float toxicity,
            Map<String, Number> attributes) {
        this(name, type, stream, streamName, toxicity, attributes, null);
    }

    @Override
    public JsonObject trigger() {
        return trigger == null ? null : trigger.deepCopy();
    }

    /** A whole-number attribute, e.g. {@code latency} in milliseconds. */
    public long longAttribute(String attribute) {
        return attribute(attribute).longValue();
    }

    /** A decimal attribute, e.g. a probability. */
    public double doubleAttribute(String attribute) {
        return attribute(attribute).doubleValue();
    }

    private Number attribute(String attribute) {
        Number value = attributes.get(attribute);
        if (value == null) {
            throw new IllegalArgumentException("toxic type " + type.jsonName() + " has no attribute " + attribute);
        }
        return value;
    }

    /** A copy with other attributes, toxicity and trigger, as an update produces. */
    public Toxic with(float newToxicity, Map<String, Number> newAttributes, JsonObject newTrigger) {
        return new Toxic(name, type, stream, streamName, newToxicity, newAttributes, newTrigger);
    }
}
