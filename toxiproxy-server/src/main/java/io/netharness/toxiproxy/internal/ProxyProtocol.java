package io.netharness.toxiproxy.internal;

import java.util.Locale;

/** The transport a proxy forwards: Toxiproxy only knows TCP; UDP is a NetHarness extension. */
public enum ProxyProtocol {
    TCP,
    UDP;

    /** The lower-case name used in JSON and on the command line. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code tcp} or {@code udp} (any case); null if the text is neither. */
    public static ProxyProtocol parse(String text) {
        for (ProxyProtocol protocol : values()) {
            if (protocol.jsonName().equalsIgnoreCase(text)) {
                return protocol;
            }
        }
        return null;
    }
}
