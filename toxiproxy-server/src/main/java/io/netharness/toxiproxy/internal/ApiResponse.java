package io.netharness.toxiproxy.internal;

import com.google.gson.JsonElement;

/**
 * An HTTP answer of the API before it is encoded: status, content type and body text.
 *
 * @param status      HTTP status code
 * @param contentType value of the Content-Type header, or null for an empty body
 * @param body        the body, empty for 204
 * @param routed      false for the router's own 404 and 405, which in Toxiproxy bypass the per-route handling (no
 *                    {@code X-Toxiproxy-Request-Id} header)
 */
record ApiResponse(int status, String contentType, String body, boolean routed) {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    public ApiResponse(int status, String contentType, String body) {
        this(status, contentType, body, true);
    }

    static ApiResponse json(int status, JsonElement body) {
        return new ApiResponse(status, JSON, ProxyJson.write(body));
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null, "");
    }

    /**
     * As Toxiproxy's {@code apiError} writes it through Go's {@code http.Error}: the JSON error object and a
     * newline, and (since {@code http.Error} replaces the header) the content type {@code text/plain}.
     */
    static ApiResponse error(ApiError error) {
        return new ApiResponse(error.status(), TEXT, ProxyJson.write(ProxyJson.error(error)) + "\n");
    }

    static ApiResponse text(int status, String text) {
        return new ApiResponse(status, TEXT, text);
    }

    ApiResponse unrouted() {
        return new ApiResponse(status, contentType, body, false);
    }

    ApiResponse withContentType(String type) {
        return new ApiResponse(status, type, body, routed);
    }
}
