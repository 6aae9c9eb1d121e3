package io.netharness.toxiproxy.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/**
 * The error texts of Go's {@code encoding/json}, which Toxiproxy puts after {@code bad request body: }: clients and
 * scripts written against Toxiproxy see the same words for the same mistakes.
 */
final class GoJson {

    private GoJson() {
    }

    /**
     * Go's {@code UnmarshalTypeError} for a struct field: {@code json: cannot unmarshal string into Go struct field
     * Proxy.enabled of type bool}. A number that does not fit an integer field is shown with its value, as Go does.
     *
     * @param field  Go's struct and field path, e.g. {@code Proxy.enabled}, {@code LatencyToxic.attributes.latency}
     * @param goType the Go type, e.g. {@code bool}, {@code int64}
     */
    static ApiError mismatch(JsonElement value, String field, String goType) {
        boolean integer = goType.equals("int64") || goType.equals("int");
        return ApiError.badRequestBody("json: cannot unmarshal " + describe(value, integer) + " into Go struct field "
                + field + " of type " + goType);
    }

    /** Go's {@code UnmarshalTypeError} for a whole value: {@code json: cannot unmarshal array into Go value of type …}. */
    static ApiError mismatchValue(JsonElement value, String goType) {
        return ApiError.badRequestBody("json: cannot unmarshal " + describe(value, false) + " into Go value of type "
                + goType);
    }

    /** Go's name of a JSON value's kind; numbers carry their text, as in Go's messages for numeric fields. */
    static String kind(JsonElement value) {
        if (value.isJsonObject()) {
            return "object";
        }
        if (value.isJsonArray()) {
            return "array";
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return "bool";
        }
        return primitive.isNumber() ? "number" : "string";
    }

    private static String describe(JsonElement value, boolean integerTarget) {
        String kind = kind(value);
        // Go names the value only for numbers an integer field cannot store (a fraction or an overflow).
        return integerTarget && kind.equals("number") && !isWhole(value.getAsJsonPrimitive()) ? "number " + value
                : kind;
    }

    private static boolean isWhole(JsonPrimitive number) {
        try {
            number.getAsBigDecimal().longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
