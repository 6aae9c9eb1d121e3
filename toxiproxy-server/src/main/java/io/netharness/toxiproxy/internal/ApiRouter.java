package io.netharness.toxiproxy.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Toxiproxy 2.x's HTTP routes over a {@link ProxyRegistry}, independent of Netty: a method, a decoded path and
 * a body in, an {@link ApiResponse} out. As in Toxiproxy (gorilla/mux), a request is first matched to a route;
 * unknown paths and methods answer {@code 404 page not found} and 405 with an empty body, without the per-route
 * handling (no request id, no browser check); every other failure uses Toxiproxy's error object.
 */
public final class ApiRouter {

    /**
     * The Toxiproxy version this server answers as, in the plain form every Toxiproxy client parses (the Ruby
     * client's {@code Gem::Version} refuses build metadata); NetHarness's own version is in a response header.
     */
    public static final String VERSION = "2.12.0";

    private static final System.Logger LOG = System.getLogger(ApiRouter.class.getName());
    /** A known path asked with another method: mux answers 405 before any per-route handling. */
    private static final Supplier<ApiResponse> NOT_ALLOWED = ApiRouter::methodNotAllowed;

    private final ProxyRegistry registry;
    private final Supplier<String> metrics;

    public ApiRouter(ProxyRegistry registry) {
        this(registry, null);
    }

    /** @param metrics the Prometheus text of {@code GET /metrics}, or null when no metrics are enabled (404) */
    public ApiRouter(ProxyRegistry registry, Supplier<String> metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /**
     * Answers one request.
     *
     * @param userAgent the User-Agent header or null; browsers are refused as in Toxiproxy (CSRF protection)
     */
    public ApiResponse handle(String method, String path, String body, String userAgent) {
        Supplier<ApiResponse> action = match(method, path, body);
        if (action == null) {
            return notFound();
        }
        if (action == NOT_ALLOWED) {
            return methodNotAllowed();
        }
        if (userAgent != null && userAgent.startsWith("Mozilla/")) {
            return ApiResponse.text(ApiError.FORBIDDEN, "User agent not allowed\n");
        }
        try {
            return action.get();
        } catch (ApiError e) {
            if (e.status() >= 500) {
                LOG.log(Level.DEBUG, () -> method + " " + path + " failed: " + e.getMessage());
            }
            return ApiResponse.error(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> method + " " + path + " failed", e);
            return ApiResponse.error(new ApiError(ApiError.INTERNAL, String.valueOf(e.getMessage()), e));
        }
    }

    /** The route's action; a 405 answer for a known path with another method; null for an unknown path (404). */
    private Supplier<ApiResponse> match(String method, String path, String body) {
        String[] parts = path.split("/", -1);
        // parts[0] is the empty text before the leading slash
        if (parts.length == 2) {
            switch (parts[1]) {
                case "version":
                    return only(method, "GET", ApiRouter::version);
                case "reset":
                    return only(method, "POST", this::reset);
                case "proxies":
                    return method.equals("GET") ? this::proxyIndex : only(method, "POST", () -> proxyCreate(body));
                case "populate":
                    return only(method, "POST", () -> populate(body));
                case "metrics":
                    return metrics == null ? null : () -> ApiResponse.text(200, metrics.get())
                            .withContentType("text/plain; version=0.0.4; charset=utf-8");
                default:
                    return null;
            }
        }
        if (parts.length < 3 || !parts[1].equals("proxies") || parts[2].isEmpty()) {
            return null;
        }
        String proxy = parts[2];
        if (parts.length == 3) {
            switch (method) {
                case "GET":
                    return () -> ApiResponse.json(200, ProxyJson.proxy(registry.get(proxy).view()));
                case "POST":
                case "PATCH":
                    return () -> proxyUpdate(proxy, body);
                case "DELETE":
                    return () -> {
                        registry.delete(proxy);
                        return ApiResponse.noContent();
                    };
                default:
                    return NOT_ALLOWED;
            }
        }
        if (parts.length == 4 && parts[3].equals("statistics")) {
            return only(method, "GET", () -> {
                ManagedProxy managed = registry.get(proxy);
                return ApiResponse.json(200, ProxyJson.statistics(managed.statistics().orElse(null)));
            });
        }
        if (!parts[3].equals("toxics")) {
            return null;
        }
        if (parts.length == 4) {
            return method.equals("GET")
                    ? () -> ApiResponse.json(200, ProxyJson.toxics(registry.get(proxy).view().toxics()))
                    : only(method, "POST", () -> ApiResponse.json(200,
                            ProxyJson.toxic(registry.get(proxy).addToxic(body))));
        }
        if (parts.length == 5 && !parts[4].isEmpty()) {
            return toxic(method, proxy, parts[4], body);
        }
        return null;
    }

    private Supplier<ApiResponse> toxic(String method, String proxy, String toxic, String body) {
        switch (method) {
            case "GET":
                return () -> ApiResponse.json(200, ProxyJson.toxic(registry.get(proxy).toxic(toxic)));
            case "POST":
            case "PATCH":
                return () -> ApiResponse.json(200, ProxyJson.toxic(registry.get(proxy).updateToxic(toxic, body)));
            case "DELETE":
                return () -> {
                    registry.get(proxy).removeToxic(toxic);
                    return ApiResponse.noContent();
                };
            default:
                return NOT_ALLOWED;
        }
    }

    private static ApiResponse version() {
        return new ApiResponse(200, "application/json;charset=utf-8", "{\"version\": \"" + VERSION + "\"}\n");
    }

    private ApiResponse reset() {
        registry.reset();
        return ApiResponse.noContent();
    }

    private ApiResponse proxyIndex() {
        JsonObject json = new JsonObject();
        for (ManagedProxy proxy : registry.all()) {
            json.add(proxy.name(), ProxyJson.proxy(proxy.view()));
        }
        return ApiResponse.json(200, json);
    }

    private ApiResponse proxyCreate(String body) {
        ProxyConfig config = ProxyConfig.fromJson(JsonBodies.object(body, "toxiproxy.Proxy"), "");
        return ApiResponse.json(201, ProxyJson.proxy(registry.create(config).view()));
    }

    /** As Toxiproxy: the body's fields default to the proxy's current ones; its name cannot change. */
    private ApiResponse proxyUpdate(String name, String body) {
        ManagedProxy proxy = registry.get(name);
        JsonObject json = JsonBodies.object(body, "toxiproxy.Proxy");
        ManagedProxy.ProxyView current = proxy.view();
        String listen = JsonBodies.string(json, "listen", current.listen(), "Proxy.listen");
        String upstream = JsonBodies.string(json, "upstream", current.upstream(), "Proxy.upstream");
        boolean enabled = JsonBodies.bool(json, "enabled", current.enabled(), "Proxy.enabled");
        proxy.update(listen, upstream, enabled);
        return ApiResponse.json(200, ProxyJson.proxy(proxy.view()));
    }

    /** Answers like Toxiproxy: the error fields (if any) and the proxies created (null if none), 201 on success. */
    private ApiResponse populate(String body) {
        List<ManagedProxy> created = List.of();
        ApiError failure = null;
        try {
            created = registry.populate(populateConfigs(body));
        } catch (ApiError e) {
            failure = e;
        } catch (ProxyRegistry.PopulateFailure e) {
            failure = e.error();
            created = e.created();
        }
        JsonObject result = failure == null ? new JsonObject() : ProxyJson.error(failure);
        if (created.isEmpty()) {
            result.add("proxies", null); // Go's nil slice
        } else {
            JsonArray proxies = new JsonArray();
            created.forEach(proxy -> proxies.add(ProxyJson.proxy(proxy.view())));
            result.add("proxies", proxies);
        }
        return ApiResponse.json(failure == null ? 201 : failure.status(), result);
    }

    /** The populate body's proxies, all checked (fields, names, upstreams) before any is created. */
    public static List<ProxyConfig> populateConfigs(String body) {
        String element = "struct { toxiproxy.Proxy; Enabled *bool \"json:\\\"enabled\\\"\" }";
        JsonElement json = JsonBodies.parse(body);
        if (!json.isJsonArray()) {
            throw GoJson.mismatchValue(json, "[]" + element);
        }
        List<ProxyConfig> configs = new ArrayList<>();
        JsonArray array = json.getAsJsonArray();
        for (JsonElement entry : array) {
            if (!entry.isJsonObject()) {
                throw GoJson.mismatchValue(entry, element);
            }
        }
        for (int i = 0; i < array.size(); i++) {
            configs.add(ProxyConfig.fromJson(array.get(i).getAsJsonObject(), " at proxy " + (i + 1)));
        }
        return configs;
    }

    private static Supplier<ApiResponse> only(String method, String allowed, Supplier<ApiResponse> action) {
        return allowed.equals(method) ? action : NOT_ALLOWED;
    }

    private static ApiResponse notFound() {
        return ApiResponse.text(404, "404 page not found\n").unrouted();
    }

    private static ApiResponse methodNotAllowed() {
        return new ApiResponse(ApiError.METHOD_NOT_ALLOWED, null, "").unrouted();
    }
}
