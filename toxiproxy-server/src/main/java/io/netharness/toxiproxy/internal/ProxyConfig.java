package io.netharness.toxiproxy.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * What a client asks for when it creates a proxy: Toxiproxy's fields plus the NetHarness extensions
 * {@code protocol} ({@code tcp} or {@code udp}, default {@code tcp}), {@code seed} (drawn at random when
 * absent), {@code toxics} and {@code refuse_while_upstream_refuses}.
 *
 * @param name     unique name
 * @param listen   {@code host:port} to listen on; empty means {@code 127.0.0.1:0}
 * @param upstream {@code host:port} to forward to
 * @param enabled  whether to start listening at once
 * @param protocol the transport forwarded
 * @param seed     the seed of every random decision, or null to draw one
 * @param toxics   the extension {@code toxics}: toxic objects as {@code POST /proxies/{proxy}/toxics} takes them,
 *                 in force before the proxy accepts its first connection ({@link InitialToxics} reads them)
 * @param refuseWhileUpstreamRefuses the extension {@code refuse_while_upstream_refuses} (TCP): while the upstream
 *                 refuses connections, the proxy refuses its clients too
 */
public record ProxyConfig(String name, String listen, String upstream, boolean enabled, ProxyProtocol protocol,
        Long seed, List<JsonObject> toxics, boolean refuseWhileUpstreamRefuses) {

    public ProxyConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(protocol, "protocol");
        toxics = toxics.stream().map(JsonObject::deepCopy).toList();
    }

    /** A proxy without the toxics and options of the extensions. */
    public ProxyConfig(String name, String listen, String upstream, boolean enabled, ProxyProtocol protocol, Long seed) {
        this(name, listen, upstream, enabled, protocol, seed, List.of(), false);
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
        boolean refuse = JsonBodies.bool(json, "refuse_while_upstream_refuses", false,
                "Proxy.refuse_while_upstream_refuses");
        if (refuse && protocol != ProxyProtocol.TCP) {
            throw ApiError.badRequestBody("refuse_while_upstream_refuses: true" + where + " (expected: false on "
                    + protocol.jsonName() + " proxies; a datagram upstream refuses nothing)");
        }
        return new ProxyConfig(name, listen, upstream, enabled, protocol, seed(seed),
                InitialToxics.objects(json.get("toxics"), where), refuse);
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
