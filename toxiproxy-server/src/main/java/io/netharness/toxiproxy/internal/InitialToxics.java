package io.netharness.toxiproxy.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The NetHarness extension {@code "toxics"} of {@code POST /proxies} and {@code /populate} entries: the proxy's
 * toxics, each as {@code POST /proxies/{proxy}/toxics} takes it, in force before the proxy accepts a connection.
 * Toxiproxy ignores the field; here a bad toxic refuses the whole proxy with a 400 that names it
 * ({@code toxics[1]: ...}), before anything listens.
 */
final class InitialToxics {

    private InitialToxics() {
    }

    /** The field's toxic objects, unchecked but for their shape; absent or null means none. */
    static List<JsonObject> objects(JsonElement toxics, String where) {
        if (toxics == null || toxics.isJsonNull()) {
            return List.of();
        }
        if (!toxics.isJsonArray()) {
            throw ApiError.badRequestBody("toxics" + where + ": " + JsonBodies.kind(toxics) + " (expected: an array"
                    + " of toxics, as POST /proxies/{proxy}/toxics takes each)");
        }
        List<JsonObject> objects = new ArrayList<>();
        JsonArray array = toxics.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isJsonObject()) {
                throw ApiError.badRequestBody("toxics[" + i + "]" + where + ": " + JsonBodies.kind(array.get(i))
                        + " (expected: a toxic object such as {\"type\": \"latency\", \"attributes\": {\"latency\":"
                        + " 100}})");
            }
            objects.add(array.get(i).getAsJsonObject());
        }
        return objects;
    }

    /** Parses every toxic of {@code config} as the API would add them one by one; the first bad one is a 400. */
    static List<Toxic> parse(ProxyConfig config, Validation validation, String where) {
        List<Toxic> toxics = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.toxics().size(); i++) {
            Toxic toxic;
            try {
                toxic = ToxicParser.create(config.toxics().get(i), config.protocol(), names::contains, validation);
            } catch (ApiError e) {
                String detail = e.getMessage().startsWith("bad request body: ")
                        ? e.getMessage().substring("bad request body: ".length()) : e.getMessage();
                throw new ApiError(ApiError.BAD_REQUEST, "bad request body: toxics[" + i + "]" + where + ": "
                        + detail, e);
            }
            names.add(toxic.name());
            toxics.add(toxic);
        }
        return toxics;
    }
}
