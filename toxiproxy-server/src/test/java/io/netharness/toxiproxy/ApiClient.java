package io.netharness.toxiproxy;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw HTTP calls to the API with the JDK's client, so tests see exact status codes and bodies. */
final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    ApiClient(URI base) {
        this.base = base;
    }

    Answer get(String path) {
        return call("GET", path, null, null);
    }

    Answer post(String path, String body) {
        return call("POST", path, body, null);
    }

    Answer delete(String path) {
        return call("DELETE", path, null, null);
    }

    /**
     * Creates a TCP proxy on 127.0.0.1, any port, to {@code upstream} with the {@code seed} extension (which
     * toxiproxy-java does not know); returns the address it listens on.
     */
    String createSeeded(String name, String upstream, long seed) {
        Answer created = post("/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                + upstream + "\",\"seed\":" + seed + "}");
        if (created.status() != 201) {
            throw new IllegalStateException("creating proxy " + name + " answered " + created);
        }
        return JsonParser.parseString(created.body()).getAsJsonObject().get("listen").getAsString();
    }

    Answer call(String method, String path, String body, String userAgent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(null), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One HTTP answer. */
    record Answer(int status, String body, String contentType, java.util.Map<String, java.util.List<String>> headers) {

        /** The first value of a header (names ignore case), or null. */
        String header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(header -> header.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
