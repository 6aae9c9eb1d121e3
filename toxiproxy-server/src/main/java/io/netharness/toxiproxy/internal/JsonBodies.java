package io.netharness.toxiproxy.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads request bodies as Toxiproxy's Go decoder does, and reports every problem as Toxiproxy does:
 * {@code 400 bad request body: …} with Go's words. Like Go's {@code json.Decoder}, only the first JSON value of a
 * body is read (anything after it is ignored), field names match regardless of case, and {@code null} leaves a
 * field as it was.
 */
final class JsonBodies {

    private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

    private JsonBodies() {
    }

    /** Parses a body that must be one JSON object; {@code goType} names it in Go's type error. */
    static JsonObject object(String body, String goType) {
        JsonElement element = parse(body);
        if (!element.isJsonObject()) {
            throw GoJson.mismatchValue(element, goType);
        }
        return element.getAsJsonObject();
    }

    /** Parses the first JSON value of a body; an empty body is Go's {@code EOF}, a truncated one {@code unexpected EOF}. */
    static JsonElement parse(String body) {
        if (body.isBlank()) {
            throw ApiError.badRequestBody("EOF");
        }
        try (JsonReader reader = new JsonReader(new StringReader(body))) {
            reader.setStrictness(Strictness.STRICT);
            return JsonParser.parseReader(reader);
        } catch (JsonParseException | IOException e) {
            throw ApiError.badRequestBody(syntaxError(body, e));
        }
    }

    /** The member named {@code key}, matched as Go matches field names: exactly, or else ignoring case. */
    static JsonElement member(JsonObject object, String key) {
        JsonElement exact = object.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** A string field; absent or null gives the fallback; another kind is Go's type error naming {@code goField}. */
    static String string(JsonObject object, String field, String fallback, String goField) {
        JsonElement value = member(object, field);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return value.getAsString();
        }
        throw GoJson.mismatch(value, goField, "string");
    }

    /** A boolean field; absent or null gives the fallback. */
    static boolean bool(JsonObject object, String field, boolean fallback, String goField) {
        JsonElement value = member(object, field);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
            return value.getAsBoolean();
        }
        throw GoJson.mismatch(value, goField, "bool");
    }

    /** A numeric field; absent or null gives null. */
    static JsonPrimitive number(JsonObject object, String field, String goField, String goType) {
        JsonElement value = member(object, field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            return value.getAsJsonPrimitive();
        }
        throw GoJson.mismatch(value, goField, goType);
    }

    /** Names the kind of a JSON value and shows short scalars, for NetHarness's own messages. */
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

    /**
     * Go's wording where it is simple to match ({@code unexpected EOF}; {@code invalid character 'x' looking for
     * beginning of value}), else the position of the error; never the parser's advice on lenient parsing.
     */
    private static String syntaxError(String body, Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof EOFException) {
            return "unexpected EOF";
        }
        String first = body.strip();
        if (!first.isEmpty() && "{[\"-0123456789tfn".indexOf(first.charAt(0)) < 0) {
            return "invalid character " + quoted(first.charAt(0)) + " looking for beginning of value";
        }
        Matcher at = POSITION.matcher(String.valueOf(cause.getMessage()));
        return at.find() ? "invalid JSON at line " + at.group(1) + " column " + at.group(2) : "invalid JSON";
    }

    private static String quoted(char c) {
        return c == '\'' ? "'\\''" : "'" + c + "'";
    }
}
