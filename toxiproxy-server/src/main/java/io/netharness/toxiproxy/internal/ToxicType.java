package io.netharness.toxiproxy.internal;

import static io.netharness.toxiproxy.internal.AttributeSpec.probability;
import static io.netharness.toxiproxy.internal.AttributeSpec.wholeAtLeast;
import static io.netharness.toxiproxy.internal.AttributeSpec.wholeBetween;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every toxic type the server accepts, with its attributes and the protocols it applies to.
 *
 * <p>The first eight are Toxiproxy 2.x's toxics with Toxiproxy's attribute names and units (milliseconds,
 * KB/s of 1000 bytes, microseconds for the slicer's delay). The packet toxics are NetHarness extensions for UDP
 * proxies, acting per datagram; probabilities are between 0.0 and 1.0. The fault toxics ({@link #isFault()}) are
 * NetHarness extensions for TCP proxies: the simulator's effects that Toxiproxy has no toxic for, in milliseconds.
 */
enum ToxicType {
    LATENCY("latency", "LatencyToxic", EnumSet.allOf(ProxyProtocol.class),
            wholeAtLeast("latency", 0, 0), wholeAtLeast("jitter", 0, 0)),
    BANDWIDTH("bandwidth", "BandwidthToxic", EnumSet.allOf(ProxyProtocol.class), wholeAtLeast("rate", 0, 0)),
    SLOW_CLOSE("slow_close", "SlowCloseToxic", EnumSet.of(ProxyProtocol.TCP), wholeAtLeast("delay", 0, 0)),
    TIMEOUT("timeout", "TimeoutToxic", EnumSet.of(ProxyProtocol.TCP), wholeAtLeast("timeout", 0, 0)),
    RESET_PEER("reset_peer", "ResetToxic", EnumSet.of(ProxyProtocol.TCP), wholeAtLeast("timeout", 0, 0)),
    SLICER("slicer", "SlicerToxic", EnumSet.of(ProxyProtocol.TCP),
            goInt(wholeBetween("average_size", 1, 1, Integer.MAX_VALUE)),
            goInt(wholeBetween("size_variation", 0, 0, Integer.MAX_VALUE)),
            goInt(wholeAtLeast("delay", 0, 0))),
    LIMIT_DATA("limit_data", "LimitDataToxic", EnumSet.of(ProxyProtocol.TCP), wholeAtLeast("bytes", 0, 0)),
    /** Toxiproxy's toxic that does nothing (it heads every chain there); a client may create one. */
    NOOP("noop", "NoopToxic", EnumSet.allOf(ProxyProtocol.class)),

    LOSS("loss", "LossToxic", EnumSet.of(ProxyProtocol.UDP), probability("probability", 0.0),
            probability("correlation", 0.0)),
    GILBERT_ELLIOTT("gilbert_elliott", "GilbertElliottToxic", EnumSet.of(ProxyProtocol.UDP),
            probability("p", 0.0), probability("r", 1.0),
            probability("loss_in_good", 0.0), probability("loss_in_bad", 1.0)),
    FOUR_STATE("four_state", "FourStateToxic", EnumSet.of(ProxyProtocol.UDP),
            probability("p13", 0.0), probability("p31", 1.0), probability("p32", 0.0),
            probability("p23", 1.0), probability("p14", 0.0)),
    DUPLICATE("duplicate", "DuplicateToxic", EnumSet.of(ProxyProtocol.UDP),
            probability("probability", 0.0), probability("correlation", 0.0)),
    REORDER("reorder", "ReorderToxic", EnumSet.of(ProxyProtocol.UDP),
            probability("probability", 0.0),
            wholeBetween("gap", 3, 1, 1_000_000),
            wholeAtLeast("max_hold", 100, 0)),
    CORRUPT("corrupt", "CorruptToxic", EnumSet.of(ProxyProtocol.UDP), probability("probability", 0.0)),

    // NetHarness's fault toxics for TCP proxies: effects Toxiproxy lacks, each acting when its "trigger" says.
    HANG("hang", "HangToxic", true),
    BLACKHOLE("blackhole", "BlackholeToxic", true),
    RESET("reset", "ResetToxic", true),
    CLOSE("close", "CloseToxic", true),
    REFUSE("refuse", "RefuseToxic", true),
    ACCEPT_DELAY("accept_delay", "AcceptDelayToxic", true, wholeAtLeast("delay", 0, 0)),
    ACCEPT_THEN_HANG("accept_then_hang", "AcceptThenHangToxic", true),
    CUT("cut", "CutToxic", true, wholeBetween("drop_existing", 1, 0, 1)),
    MESSAGE_DROP("message_drop", "MessageDropToxic", true),
    MESSAGE_DELAY("message_delay", "MessageDelayToxic", true, wholeAtLeast("delay", 0, 0)),
    MESSAGE_DUPLICATE("message_duplicate", "MessageDuplicateToxic", true),
    MESSAGE_REORDER("message_reorder", "MessageReorderToxic", true, wholeAtLeast("max_hold", 50, 1)),
    MESSAGE_CORRUPT("message_corrupt", "MessageCorruptToxic", true);

    private final String jsonName;
    private final String goStruct;
    private final Set<ProxyProtocol> protocols;
    private final List<AttributeSpec> attributes;
    private final boolean fault;

    ToxicType(String jsonName, String goStruct, Set<ProxyProtocol> protocols, AttributeSpec... attributes) {
        this.jsonName = jsonName;
        this.goStruct = goStruct;
        this.protocols = protocols;
        this.attributes = List.of(attributes);
        this.fault = false;
    }

    ToxicType(String jsonName, String goStruct, boolean fault, AttributeSpec... attributes) {
        this.jsonName = jsonName;
        this.goStruct = goStruct;
        this.protocols = EnumSet.of(ProxyProtocol.TCP);
        this.attributes = List.of(attributes);
        this.fault = fault;
    }

    /**
     * True for NetHarness's fault toxics ({@code hang}, {@code refuse}, {@code message_drop}, ...): they take a
     * {@code trigger} and their attributes are always range-checked (no Toxiproxy client has stored values there).
     */
    public boolean isFault() {
        return fault;
    }

    /** The fault toxics' names, for messages. */
    static String faultNames() {
        StringBuilder names = new StringBuilder();
        for (ToxicType type : values()) {
            if (type.fault) {
                names.append(names.length() == 0 ? "" : ", ").append(type.jsonName);
            }
        }
        return names.toString();
    }

    private static AttributeSpec goInt(AttributeSpec spec) {
        return spec.withGoType("int");
    }

    /** The Go struct Toxiproxy decodes the attributes into, as its type errors name it ({@code LatencyToxic}). */
    String goStruct() {
        return goStruct;
    }

    /** The name in JSON, e.g. {@code reset_peer}. */
    public String jsonName() {
        return jsonName;
    }

    /** The attributes in the order they are written in JSON. */
    public List<AttributeSpec> attributes() {
        return attributes;
    }

    public boolean appliesTo(ProxyProtocol protocol) {
        return protocols.contains(protocol);
    }

    /** The type with this JSON name (exact match, as Toxiproxy's registry), or null. */
    public static ToxicType parse(String jsonName) {
        for (ToxicType type : values()) {
            if (type.jsonName.equals(jsonName)) {
                return type;
            }
        }
        return null;
    }
}
