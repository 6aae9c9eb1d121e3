package io.netharness.toxiproxy.internal;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Creates a proxy that does not listen yet ({@code "enabled": false} in the create body, which Toxiproxy's API takes
 * and toxiproxy-java does not send), so its toxics can be installed before its first connection.
 */
public final class DisabledProxies {

    private static final int TIMEOUT_MILLIS = 10_000;

    private DisabledProxies() {
    }

    /** {@code POST /proxies} with {@code enabled: false}; throws with Toxiproxy's answer if it is not 201. */
    public static void create(String host, int port, String name, String listen, String upstream) throws IOException {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        body.addProperty("listen", listen);
        body.addProperty("upstream", upstream);
        body.addProperty("enabled", false);
        String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        HttpURLConnection http = (HttpURLConnection) new URL("http://" + hostPart + ":" + port + "/proxies")
                .openConnection();
        try {
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = http.getOutputStream()) {
                out.write(body.toString().getBytes(StandardCharsets.UTF_8));
            }
            int status = http.getResponseCode();
            if (status != 201) {
                InputStream error = http.getErrorStream();
                String answer = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
                throw new IOException("POST /proxies answered " + status + ": " + answer.trim());
            }
            http.getInputStream().readAllBytes();
        } finally {
            http.disconnect();
        }
    }
}
