package io.netharness.toxiproxy.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Toxiproxy 2.x's HTTP routes over a {@link ProxyRegistry}, independent of Netty: a method, a decoded path and
 * a body in, an {@link ApiResponse} out. Unknown paths and methods answer as Toxiproxy's router does (404
 * {@code 404 page not found}, 405 with an empty body); every other failure uses Toxiproxy's error object.
 */
public final class ApiRouter {

    /** The Toxiproxy API version we implement, with build metadata saying who we are (semver: equal to 2.12.0). */
    public static final String VERSION = "2.12.0+netharness";

    private static final System.Logger LOG = System.getLogger(ApiRouter.class.getName());

    private final ProxyRegistry registry;

    public ApiRouter(ProxyRegistry registry) {
        this.registry = registry;
    }

    /**
     * Answers one request.
     *
     * @param userAgent the User-Agent header or null; browsers are refused as in Toxiproxy (CSRF protection)
     */
    public ApiResponse handle(String method, String path, String body, String userAgent) {
        if (userAgent != null && userAgent.startsWith("Mozilla/")) {
            return ApiResponse.text(ApiError.FORBIDDEN, "User agent not allowed\n");
        }
        try {
            return route(method, path, body);
        } catch (ApiError e) {
            return ApiResponse.error(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> method + " " + path + " failed", e);
            return ApiResponse.error(new ApiError(ApiError.INTERNAL, String.valueOf(e.getMessage()), e));
        }
    }

    private ApiResponse route(String method, String path, String body) {
        String[] parts = path.split("/", -1);
        // parts[0] is the empty text before the leading slash
        if (parts.length == 2) {
            switch (parts[1]) {
                case "version":
                    return only(method, Set.of("GET"), () -> version());
                case "reset":
                    return only(method, Set.of("POST"), () -> reset());
                case "proxies":
                    return method.equals("GET") ? proxyIndex()
                            : only(method, Set.of("POST"), () -> proxyCreate(body));
                case "populate":
                    return only(method, Set.of("POST"), () -> populate(body));
                default:
                    return notFound();
            }
        }
        if (parts.length < 3 || !parts[1].equals("proxies") || parts[2].isEmpty()) {
            return notFound();
        }
        String proxy = parts[2];
        if (parts.length == 3) {
            switch (method) {
                case "GET":
                    return ApiResponse.json(200, ProxyJson.proxy(registry.get(proxy).view()));
                case "POST":
                case "PATCH":
                    return proxyUpdate(proxy, body);
                case "DELETE":
                    registry.delete(proxy);
                    return ApiResponse.noContent();
                default:
                    return methodNotAllowed();
            }
        }
        if (parts.length == 4 && parts[3].equals("statistics")) {
            return only(method, Set.of("GET"), () -> {
                ManagedProxy managed = registry.get(proxy);
                return ApiResponse.json(200, ProxyJson.statistics(managed.statistics().orElse(null)));
            });
        }
        if (!parts[3].equals("toxics")) {
            return notFound();
        }
        if (parts.length == 4) {
            return method.equals("GET")
                    ? ApiResponse.json(200, ProxyJson.toxics(registry.get(proxy).view().toxics()))
                    : only(method, Set.of("POST"), () -> ApiResponse.json(200,
                            ProxyJson.toxic(registry.get(proxy).addToxic(body))));
        }
        if (parts.length == 5 && !parts[4].isEmpty()) {
            return toxic(method, proxy, parts[4], body);
        }
        return notFound();
    }

    private ApiResponse toxic(String method, String proxy, String toxic, String body) {
        switch (method) {
            case "GET":
                return ApiResponse.json(200, ProxyJson.toxic(registry.get(proxy).toxic(toxic)));
            case "POST":
            case "PATCH":
                return ApiResponse.json(200, ProxyJson.toxic(registry.get(proxy).updateToxic(toxic, body)));
            case "DELETE":
                registry.get(proxy).removeToxic(toxic);
                return ApiResponse.noContent();
            default:
                return methodNotAllowed();
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
        ProxyConfig config = ProxyConfig.fromJson(JsonBodies.object(body), "");
        return ApiResponse.json(201, ProxyJson.proxy(registry.create(config).view()));
    }

    private ApiResponse proxyUpdate(String name, String body) {
        ManagedProxy proxy = registry.get(name);
        JsonObject json = JsonBodies.object(body);
        ManagedProxy.ProxyView current = proxy.view();
        proxy.update(JsonBodies.string(json, "listen", current.listen()),
                JsonBodies.string(json, "upstream", current.upstream()),
                JsonBodies.bool(json, "enabled", current.enabled()));
        return ApiResponse.json(200, ProxyJson.proxy(proxy.view()));
    }

    /** Answers like Toxiproxy: the error fields (if any) and the proxies created, 201 on success. */
    private ApiResponse populate(String body) {
        List<ManagedProxy> created = List.of();
        ApiError failure = null;
        try {
            JsonElement json = JsonBodies.parse(body);
            if (!json.isJsonArray()) {
                throw ApiError.badRequestBody("expected a JSON array of proxies (was " + JsonBodies.kind(json) + ")");
            }
            List<ProxyConfig> configs = new ArrayList<>();
            JsonArray array = json.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                if (!array.get(i).isJsonObject()) {
                    throw ApiError.badRequestBody("proxy " + (i + 1) + ": expected an object");
                }
                configs.add(ProxyConfig.fromJson(array.get(i).getAsJsonObject(), " at proxy " + (i + 1)));
            }
            created = registry.populate(configs);
        } catch (ApiError e) {
            failure = e;
        } catch (ProxyRegistry.PopulateFailure e) {
            failure = e.error();
            created = e.created();
        }
        JsonObject result = failure == null ? new JsonObject() : ProxyJson.error(failure);
        if (failure != null && created.isEmpty()) {
            result.add("proxies", null);
        } else {
            // Toxiproxy lists the proxies made before a failure next to the error.
            JsonArray proxies = new JsonArray();
            created.forEach(proxy -> proxies.add(ProxyJson.proxy(proxy.view())));
            result.add("proxies", proxies);
        }
        return ApiResponse.json(failure == null ? 201 : failure.status(), result);
    }

    private static ApiResponse only(String method, Set<String> allowed, java.util.function.Supplier<ApiResponse> action) {
        return allowed.contains(method) ? action.get() : methodNotAllowed();
    }

    private static ApiResponse notFound() {
        return ApiResponse.text(404, "404 page not found\n");
    }

    private static ApiResponse methodNotAllowed() {
        return new ApiResponse(ApiError.METHOD_NOT_ALLOWED, null, "");
    }
}
