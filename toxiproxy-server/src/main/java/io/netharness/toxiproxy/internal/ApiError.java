package io.netharness.toxiproxy.internal;

/**
 * A failure that the HTTP API reports to its client as Toxiproxy 2.x does: the status code and a body
 * {@code {"error":"<message>","status":<code>}}.
 *
 * <p>The constants carry Toxiproxy's own messages, so clients that match on them keep working; the factory
 * methods add the detail after a colon, as Toxiproxy's {@code joinError} does.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int METHOD_NOT_ALLOWED = 405;
    public static final int CONFLICT = 409;
    public static final int INTERNAL = 500;

    private final int status;

    public ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiError(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** {@code bad request body: <detail>} (400), Toxiproxy's answer to JSON it cannot decode or validate. */
    public static ApiError badRequestBody(String detail) {
        return new ApiError(BAD_REQUEST, "bad request body: " + detail);
    }

    /** {@code missing required field: <field>} (400). */
    public static ApiError missingField(String field) {
        return new ApiError(BAD_REQUEST, "missing required field: " + field);
    }

    public static ApiError proxyNotFound() {
        return new ApiError(NOT_FOUND, "proxy not found");
    }

    public static ApiError proxyAlreadyExists() {
        return new ApiError(CONFLICT, "proxy already exists");
    }

    public static ApiError invalidStream() {
        return new ApiError(BAD_REQUEST, "stream was invalid, can be either upstream or downstream");
    }

    public static ApiError invalidToxicType() {
        return new ApiError(BAD_REQUEST, "invalid toxic type");
    }

    public static ApiError toxicAlreadyExists() {
        return new ApiError(CONFLICT, "toxic already exists");
    }

    public static ApiError toxicNotFound() {
        return new ApiError(NOT_FOUND, "toxic not found");
    }
}
