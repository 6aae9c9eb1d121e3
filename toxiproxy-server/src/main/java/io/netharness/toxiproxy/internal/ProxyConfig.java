package io.netharness.toxiproxy.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * What a client asks for when it creates a proxy: Toxiproxy's fields plus the NetHarness extensions
 * {@code protocol} ({@code tcp} or {@code udp}, default {@code tcp}) and {@code seed} (drawn at random when
 * absent).
 *
 * @param name     unique name
 * @param listen   {@code host:port} to listen on; empty means {@code 127.0.0.1:0}
 * @param upstream {@code host:port} to forward to
 * @param enabled  whether to start listening at once
 * @param protocol the transport forwarded
 * @param seed     the seed of every random decision, or null to draw one
 */
public record ProxyConfig(String name, String listen, String upstream, boolean enabled, Protocol protocol,
        Long seed) {

    public ProxyConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * Reads a proxy object of {@code POST /proxies} or {@code /populate}; {@code where} is appended to
     * missing-field messages as Toxiproxy does for populate ({@code " at proxy 2"}).
     */
    static ProxyConfig fromJson(JsonObject json, String where) {
        String name = JsonBodies.string(json, "name", "");
        if (name.isEmpty()) {
            throw ApiError.missingField("name" + where);
        }
        String upstream = JsonBodies.string(json, "upstream", "");
        if (upstream.isEmpty()) {
            throw ApiError.missingField("upstream" + where);
        }
        String listen = JsonBodies.string(json, "listen", "");
        boolean enabled = JsonBodies.bool(json, "enabled", true);
        String protocolText = JsonBodies.string(json, "protocol", "tcp");
        Protocol protocol = Protocol.parse(protocolText);
        if (protocol == null) {
            throw ApiError.badRequestBody("protocol: \"" + protocolText + "\" (expected: tcp or udp)");
        }
        return new ProxyConfig(name, listen, upstream, enabled, protocol, seed(json.get("seed")));
    }

    /** Seeds are 64-bit; a string form is accepted too, for clients whose numbers are doubles. */
    private static Long seed(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return null;
        }
        try {
            if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                return value.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
            }
            if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
                return Long.decode(value.getAsString());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through to the message below
        }
        throw ApiError.badRequestBody("seed: " + JsonBodies.kind(value) + " (expected: a 64-bit integer)");
    }
}
