package io.netharness.toxiproxy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** NetHarness's own version, from the build (the API's {@code /version} answers Toxiproxy's). */
public final class NetHarnessVersion {

    /** The response header every API answer carries it in. */
    public static final String HEADER = "X-Netharness-Version";

    private static final String VERSION = load();

    private NetHarnessVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = NetHarnessVersion.class.getResourceAsStream("netharness-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
