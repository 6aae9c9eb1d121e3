package io.netharness.toxiproxy.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * Reads request bodies strictly and reports every problem as Toxiproxy does: {@code 400 bad request body: …}.
 */
final class JsonBodies {

    private JsonBodies() {
    }

    /** Parses a body that must be one JSON object; an empty body is Go's {@code EOF}, as in Toxiproxy. */
    static JsonObject object(String body) {
        JsonElement element = parse(body);
        if (!element.isJsonObject()) {
            throw ApiError.badRequestBody("expected a JSON object (was " + kind(element) + ")");
        }
        return element.getAsJsonObject();
    }

    /** Parses any JSON value; used by {@code /populate}, whose body is an array. */
    static JsonElement parse(String body) {
        if (body.isBlank()) {
            throw ApiError.badRequestBody("EOF");
        }
        try (JsonReader reader = new JsonReader(new StringReader(body))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw ApiError.badRequestBody("unexpected data after the JSON value");
            }
            return element;
        } catch (JsonParseException | IOException e) {
            throw ApiError.badRequestBody(describe(e));
        }
    }

    /** A string field; absent or null gives the fallback, another kind of value is a 400. */
    static String string(JsonObject object, String field, String fallback) {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return value.getAsString();
        }
        throw ApiError.badRequestBody(field + ": expected a string (was " + kind(value) + ")");
    }

    /** A boolean field; absent or null gives the fallback. */
    static boolean bool(JsonObject object, String field, boolean fallback) {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
            return value.getAsBoolean();
        }
        throw ApiError.badRequestBody(field + ": expected true or false (was " + kind(value) + ")");
    }

    /** A numeric field; absent or null gives null. */
    static JsonPrimitive number(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            return value.getAsJsonPrimitive();
        }
        throw ApiError.badRequestBody(field + ": expected a number (was " + kind(value) + ")");
    }

    /** Names the kind of a JSON value and shows short scalars, for error messages. */
    static String kind(JsonElement value) {
        if (value.isJsonObject()) {
            return "an object";
        }
        if (value.isJsonArray()) {
            return "an array";
        }
        if (value.isJsonNull()) {
            return "null";
        }
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static String describe(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        int troubleshootingLink = message.indexOf("\nSee ");
        return troubleshootingLink < 0 ? message : message.substring(0, troubleshootingLink);
    }
}
