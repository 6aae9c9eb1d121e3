package io.netharness.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@link HttpClient} (HTTP/1.1) on an executor the test owns, so that closing it leaves no request
 * threads behind (JDK 17's client itself cannot be closed; its selector thread ends with the client).
 */
public final class HttpGet implements AutoCloseable {

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();

    /** GETs {@code path} from {@code address} and returns the body; a status other than 200 fails. */
    public String body(InetSocketAddress address, String path, Duration timeout)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(address, path, timeout),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " from " + address + " answered " + response.statusCode());
        }
        return response.body();
    }

    public HttpClient client() {
        return client;
    }

    public static HttpRequest request(InetSocketAddress address, String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path))
                .timeout(timeout)
                .GET()
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("HTTP client threads did not end within 10 s");
        }
    }
}
