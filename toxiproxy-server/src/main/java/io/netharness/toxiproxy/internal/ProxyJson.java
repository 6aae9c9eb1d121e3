package io.netharness.toxiproxy.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.netharness.simulator.DelayHistogram;
import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.LinkStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes proxies, toxics and errors in Toxiproxy 2.x's JSON shapes. Field order follows Toxiproxy's Go structs;
 * the NetHarness extensions ({@code protocol}, {@code seed}) come after Toxiproxy's fields of a proxy, where
 * clients that do not know them ignore them.
 */
final class ProxyJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private ProxyJson() {
    }

    public static JsonObject proxy(ManagedProxy.ProxyView view) {
        JsonObject json = new JsonObject();
        json.addProperty("name", view.name());
        json.addProperty("listen", view.listen());
        json.addProperty("upstream", view.upstream());
        json.addProperty("enabled", view.enabled());
        json.add("toxics", toxics(view.toxics()));
        json.addProperty("protocol", view.protocol().jsonName());
        json.addProperty("seed", view.seed());
        // JavaScript's numbers are doubles: a seed above 2^53 would change on its way through a JS client or jq.
        json.addProperty("seed_string", Long.toString(view.seed()));
        if (view.refuseWhileUpstreamRefuses()) {
            json.addProperty("refuse_while_upstream_refuses", true); // only when asked for: Toxiproxy's shape else
        }
        return json;
    }

    public static JsonArray toxics(List<Toxic> toxics) {
        JsonArray array = new JsonArray();
        toxics.forEach(toxic -> array.add(toxic(toxic)));
        return array;
    }

    public static JsonObject toxic(Toxic toxic) {
        JsonObject attributes = new JsonObject();
        for (Map.Entry<String, Number> attribute : toxic.attributes().entrySet()) {
            attributes.addProperty(attribute.getKey(), attribute.getValue());
        }
        JsonObject json = new JsonObject();
        json.add("attributes", attributes);
        json.addProperty("name", toxic.name());
        json.addProperty("type", toxic.type().jsonName());
        json.addProperty("stream", toxic.streamName());
        json.addProperty("toxicity", goFloat(toxic.toxicity()));
        if (toxic.trigger() != null) {
            json.add("trigger", toxic.trigger()); // the extension, as sent; absent on Toxiproxy's toxics
        }
        return json;
    }

    /** A float32 as Go's encoder writes it: shortest form, no {@code .0} on whole values ({@code 1}, {@code 0.5}). */
    private static Number goFloat(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return 0;
        }
        java.math.BigDecimal decimal = new java.math.BigDecimal(Float.toString(value)).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
    }

    /**
     * The NetHarness extension {@code GET /proxies/{proxy}/statistics}: per direction what arrived, what left and
     * what the toxics did; {@code enabled: false} and no directions while the proxy is disabled.
     */
    public static JsonObject statistics(LinkStatistics statistics) {
        JsonObject json = new JsonObject();
        json.addProperty("enabled", statistics != null);
        if (statistics != null) {
            json.add("upstream", direction(statistics.upstream()));
            json.add("downstream", direction(statistics.downstream()));
        }
        return json;
    }

    private static JsonObject direction(DirectionStatistics stats) {
        JsonObject json = new JsonObject();
        json.addProperty("bytes_in", stats.bytesIn());
        json.addProperty("bytes_delivered", stats.bytesDelivered());
        json.addProperty("bytes_dropped", stats.bytesDropped());
        json.addProperty("bytes_in_flight", stats.bytesInFlight());
        JsonObject droppedBytes = new JsonObject();
        stats.droppedBytes().forEach((cause, bytes) ->
                droppedBytes.addProperty(cause.name().toLowerCase(Locale.ROOT), bytes));
        json.add("bytes_dropped_by_cause", droppedBytes);
        json.addProperty("datagrams_in", stats.datagramsIn());
        json.addProperty("delivered", stats.delivered());
        json.addProperty("dropped", stats.dropped());
        json.addProperty("duplicated", stats.duplicated());
        json.addProperty("reordered", stats.reordered());
        json.addProperty("corrupted", stats.corrupted());
        json.addProperty("truncated", stats.truncated());
        json.addProperty("dropped_before_link", stats.droppedBeforeLink());
        DelayHistogram delays = stats.delays();
        JsonObject delay = new JsonObject();
        delay.addProperty("count", delays.count());
        if (delays.count() > 0) {
            delay.addProperty("min_us", micros(delays.min()));
            delay.addProperty("p50_us", micros(delays.percentile(50)));
            delay.addProperty("p99_us", micros(delays.percentile(99)));
            delay.addProperty("max_us", micros(delays.max()));
        }
        json.add("delay", delay);
        return json;
    }

    private static long micros(java.time.Duration duration) {
        return duration.toNanos() / 1000;
    }

    /** Toxiproxy's error object {@code {"error":"…","status":N}}. */
    public static JsonObject error(ApiError error) {
        JsonObject json = new JsonObject();
        json.addProperty("error", error.getMessage());
        json.addProperty("status", error.status());
        return json;
    }

    public static String write(JsonElement json) {
        return GSON.toJson(json);
    }
}
