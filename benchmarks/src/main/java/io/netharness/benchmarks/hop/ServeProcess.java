package io.netharness.benchmarks.hop;

import io.netharness.app.Main;
import io.netharness.benchmarks.scenario.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code serve} in a process of its own, as users run it ({@code java -jar netharness.jar serve ...}), on this
 * JVM's JDK and class path. It reads what serve prints (where the API and each {@code --link} listen) and talks
 * to the API. {@link #close()} stops it as Ctrl-C would.
 */
public final class ServeProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern API = Pattern.compile(".* listening on http://([0-9.]+):([0-9]+)");
    private static final Pattern LISTEN = Pattern.compile("\"listen\"\\s*:\\s*\"([0-9.]+):([0-9]+)\"");

    private final Process process;
    private final Path errors;
    private final ProcessOutput output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private URI api;

    private ServeProcess(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        this.output = new ProcessOutput(process, "serve-output");
    }

    /** Starts {@code serve} with {@code arguments} (after the word {@code serve}). */
    public static ServeProcess start(List<String> arguments) throws IOException {
        return start(arguments, System.getProperty("java.class.path"));
    }

    /** Starts the {@code serve} of the build on {@code classPath} (another build's, say) with {@code arguments}. */
    public static ServeProcess start(List<String> arguments, String classPath) throws IOException {
        List<String> serve = new ArrayList<>(List.of("serve"));
        serve.addAll(arguments);
        Path errors = Files.createTempFile("netharness-serve-", ".err");
        Process process = new ProcessBuilder(ChildJvm.command(List.of(), ChildJvm.PROXY_OPTIONS, classPath,
                Main.class.getName(), serve.toArray(String[]::new))).redirectError(errors.toFile()).start();
        return new ServeProcess(process, errors);
    }

    /** The process id, for what the operating system says about it (its resident memory, say). */
    public long pid() {
        return process.pid();
    }

    /** Waits for the line that says where the API listens (serve started without {@code --no-api}). */
    public URI awaitApi() throws InterruptedException {
        Matcher api = awaitLine(API);
        this.api = URI.create("http://" + api.group(1) + ":" + api.group(2));
        return this.api;
    }

    /** Waits for the line that says where the {@code --link} named {@code name} listens. */
    public InetSocketAddress awaitLink(String name) throws InterruptedException {
        Matcher link = awaitLine(Pattern.compile("link " + Pattern.quote(name) + ": ([0-9.]+):([0-9]+) -> .*"));
        return new InetSocketAddress(link.group(1), Integer.parseInt(link.group(2)));
    }

    private Matcher awaitLine(Pattern pattern) throws InterruptedException {
        return output.await(pattern, START_TIMEOUT, this::errors);
    }

    /** POSTs {@code json} to the API path and returns the body; fails unless the answer is 2xx. */
    public String post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api().resolve(path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " " + json + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** Deletes the proxy named {@code name}; fails unless the answer is 2xx. */
    public void deleteProxy(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api().resolve("/proxies/" + name))
                .timeout(Duration.ofSeconds(10)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("DELETE /proxies/" + name + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Where the API listens; after {@link #awaitApi()}. */
    public URI api() {
        if (api == null) {
            throw new IllegalStateException("call awaitApi() first");
        }
        return api;
    }

    /** Creates a TCP proxy listening on a free loopback port and returns where it listens. */
    public InetSocketAddress createProxy(String name, InetSocketAddress upstream) throws IOException,
            InterruptedException {
        return createProxy(name, upstream, false);
    }

    /** Creates a TCP or ({@code udp}) UDP proxy listening on a free loopback port and returns where it listens. */
    public InetSocketAddress createProxy(String name, InetSocketAddress upstream, boolean udp) throws IOException,
            InterruptedException {
        String created = post("/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                + upstream.getAddress().getHostAddress() + ":" + upstream.getPort() + "\",\"enabled\":true"
                + (udp ? ",\"protocol\":\"udp\"" : "") + "}");
        Matcher listen = LISTEN.matcher(created);
        if (!listen.find()) {
            throw new IllegalStateException("no listen address in " + created);
        }
        return new InetSocketAddress(listen.group(1), Integer.parseInt(listen.group(2)));
    }

    private String errors() {
        try {
            return Files.readString(errors, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops serve as Ctrl-C would, waiting up to 10 s before killing it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Files.deleteIfExists(errors);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
