package io.netharness.toxiproxy.internal.cli;

import com.google.gson.JsonObject;
import io.netharness.toxiproxy.internal.ProxyConfig;
import io.netharness.toxiproxy.internal.ProxyProtocol;
import io.netharness.toxiproxy.internal.Stream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code --link} of the command line with the profile and fault flags that followed it, turned into what the
 * API would receive: a proxy and its toxics (the extension {@code toxics} of {@code POST /proxies}, so they are in
 * force from the first connection). A link started from the command line is an ordinary proxy, visible and
 * changeable through the API.
 */
public final class LinkFlag {

    private final String name;
    private final String listen;
    private final String upstream;
    private ProxyProtocol protocol = ProxyProtocol.TCP;
    private Long seed;
    private boolean refuseWhileUpstreamRefuses;
    // (type, stream) -> attributes, so --latency and --jitter of one direction build one toxic.
    private final Map<String, JsonObject> toxics = new LinkedHashMap<>();

    LinkFlag(String name, String listen, String upstream) {
        this.name = name;
        this.listen = listen;
        this.upstream = upstream;
    }

    public String name() {
        return name;
    }

    void protocol(ProxyProtocol protocol) {
        this.protocol = protocol;
    }

    void seed(long seed) {
        this.seed = seed;
    }

    /** Sets one attribute of the {@code type} toxic on each stream given. */
    void attribute(String type, List<Stream> streams, String attribute, Number value) {
        for (Stream stream : streams) {
            JsonObject toxic = toxics.computeIfAbsent(type + "_" + stream.jsonName(), key -> {
                JsonObject json = new JsonObject();
                json.addProperty("name", key);
                json.addProperty("type", type);
                json.addProperty("stream", stream.jsonName());
                json.add("attributes", new JsonObject());
                return json;
            });
            toxic.getAsJsonObject("attributes").addProperty(attribute, value);
        }
    }

    void refuseWhileUpstreamRefuses(boolean refuse) {
        this.refuseWhileUpstreamRefuses = refuse;
    }

    /** Adds the fault toxic(s) of one {@code --fault} value: on each stream given, or once for the listener. */
    void fault(List<Stream> streams, String text) {
        JsonObject first = FaultFlag.toxic(text, streams.get(0));
        String type = first.get("type").getAsString();
        List<Stream> wanted = FaultFlag.takesNoStream(type) ? List.of(streams.get(0)) : streams;
        for (Stream stream : wanted) {
            JsonObject toxic = FaultFlag.toxic(text, stream);
            String base = FaultFlag.takesNoStream(type) ? type : type + "_" + stream.jsonName();
            String key = base;
            for (int n = 2; toxics.containsKey(key); n++) {
                key = base + "_" + n;
            }
            JsonObject named = new JsonObject();
            named.addProperty("name", key);
            toxic.entrySet().forEach(entry -> named.add(entry.getKey(), entry.getValue()));
            toxics.put(key, named);
        }
    }

    /** The proxy with its toxics, in force before it accepts a connection. */
    public ProxyConfig proxyConfig() {
        List<JsonObject> bodies = new ArrayList<>(toxics.values());
        return new ProxyConfig(name, listen, upstream, true, protocol, seed, bodies, refuseWhileUpstreamRefuses);
    }

    /** The toxics as {@code POST /proxies/{name}/toxics} bodies. */
    public List<String> toxicBodies() {
        List<String> bodies = new ArrayList<>();
        toxics.values().forEach(toxic -> bodies.add(toxic.toString()));
        return bodies;
    }

    @Override
    public String toString() {
        return name + "=" + listen + "->" + upstream + " (" + protocol.jsonName() + ", " + toxics.keySet() + ")";
    }
}
