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
public record ProxyConfig(String name, String listen, String upstream, boolean enabled, ProxyProtocol protocol,
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
        String name = JsonBodies.string(json, "name", "", "Proxy.name");
        String listen = JsonBodies.string(json, "listen", "", "Proxy.listen");
        String upstream = JsonBodies.string(json, "upstream", "", "Proxy.upstream");
        boolean enabled = JsonBodies.bool(json, "enabled", true, "Proxy.enabled");
        if (name.isEmpty()) {
            throw ApiError.missingField("name" + where);
        }
        if (upstream.isEmpty()) {
            throw ApiError.missingField("upstream" + where);
        }
        if (name.indexOf('/') >= 0) {
            // Toxiproxy accepts it, and then no route can reach the proxy (GET and DELETE answer 404).
            throw ApiError.badRequestBody("name: \"" + name + "\"" + where + " (expected: no '/'; a proxy named so "
                    + "could not be addressed as /proxies/{name})");
        }
        String protocolText = JsonBodies.string(json, "protocol", "tcp", "Proxy.protocol");
        ProxyProtocol protocol = ProxyProtocol.parse(protocolText);
        if (protocol == null) {
            throw ApiError.badRequestBody("protocol: \"" + protocolText + "\" (expected: tcp or udp)");
        }
        JsonElement seed = JsonBodies.member(json, "seed");
        if (seed == null || seed.isJsonNull()) {
            seed = JsonBodies.member(json, "seed_string");
        }
        return new ProxyConfig(name, listen, upstream, enabled, protocol, seed(seed));
    }

    /**
     * Seeds are 64-bit; the string form (also written back as {@code seed_string}) is accepted too, for clients
     * whose numbers are doubles.
     */
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
