package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.toxiproxy.ApiClient.Answer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real engine (simulator links) under bad input and churn: every bad request is a 4xx in Toxiproxy's error
 * format, listeners are released, and the server keeps answering.
 */
class ServerRobustnessTest {

    private static final String UPSTREAM = "127.0.0.1:9";

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    private static String proxyJson(String name, String listen) {
        return "{\"name\":\"" + name + "\",\"listen\":\"" + listen + "\",\"upstream\":\"" + UPSTREAM + "\"}";
    }

    @Test
    void thousandsOfCreateDeleteCallsOnOnePortReleaseItEveryTime() throws IOException {
        int port = freePortOutsideEphemeralRange();
        String listen = "127.0.0.1:" + port;

        for (int i = 0; i < 1000; i++) {
            Answer created = SERVER.api().post("/proxies", proxyJson("same-port", listen));
            // Each create can only bind if the previous delete released the port.
            assertThat(created.status()).as("create #%d: %s", i, created).isEqualTo(201);
            assertThat(SERVER.api().delete("/proxies/same-port").status()).as("delete #%d", i).isEqualTo(204);
        }

        assertThat(portIsFree(port)).isTrue();
        assertThat(SERVER.api().get("/version").status()).isEqualTo(200);
    }

    @Test
    void concurrentCreateDeleteLeaksNoListenersOrThreads() throws Exception {
        long descriptorsBefore = openDescriptors();
        long threadsBefore = serverSideThreads();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> results = new ArrayList<>();
        try {
            for (int c = 0; c < 4; c++) {
                String prefix = "churn-" + c + "-";
                results.add(clients.submit(() -> churn(prefix, 250)));
            }
            List<Integer> ports = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                ports.addAll(result.get(120, TimeUnit.SECONDS));
            }
            assertThat(ports).hasSize(1000);
        } finally {
            clients.shutdownNow();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(SERVER.api().get("/proxies").body()).doesNotContain("churn-");
        // 2,000 calls; one leaked socket per proxy would add 1,000 descriptors. Other test classes running in
        // parallel open a few, hence the margin.
        assertThat(openDescriptors() - descriptorsBefore).as("descriptors opened and not closed").isLessThan(200);
        assertThat(serverSideThreads() - threadsBefore).as("threads left behind").isLessThan(10);
    }

    private static List<Integer> churn(String prefix, int count) {
        ApiClient client = new ApiClient(SERVER.server().uri());
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Answer created = client.post("/proxies", proxyJson(prefix + i, "127.0.0.1:0"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String listen = created.body().replaceAll(".*\"listen\":\"127\\.0\\.0\\.1:(\\d+)\".*\\s*", "$1");
            ports.add(Integer.parseInt(listen.trim()));
            assertThat(client.delete("/proxies/" + prefix + i).status()).isEqualTo(204);
        }
        return ports;
    }

    @Test
    void closingTheServerReleasesEveryProxysPortAndThreads() {
        List<Integer> ports = new ArrayList<>();
        int apiPort;
        try (ToxiproxyServer own = ToxiproxyServer.builder().build().start()) {
            ApiClient client = new ApiClient(own.uri());
            apiPort = own.address().getPort();
            for (int i = 0; i < 20; i++) {
                Answer created = client.post("/proxies", proxyJson("closing-" + i, "127.0.0.1:0"));
                String listen = created.body().replaceAll(".*\"listen\":\"127\\.0\\.0\\.1:(\\d+)\".*\\s*", "$1");
                ports.add(Integer.parseInt(listen.trim()));
            }
            assertThat(ports).noneMatch(ServerRobustnessTest::portIsFree);
        }

        assertThat(ports).allMatch(ServerRobustnessTest::portIsFree);
        assertThat(portIsFree(apiPort)).isTrue();
    }

    @Test
    void populateStopsAtAnAddressInUseAndKeepsTheProxiesBeforeIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();

            Answer answer = SERVER.api().post("/populate", "[" + proxyJson("pop-ok", "127.0.0.1:0") + ","
                    + proxyJson("pop-taken", listen) + "," + proxyJson("pop-after", "127.0.0.1:0") + "]");

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.body()).startsWith("{\"error\":\"listen tcp " + listen
                    + ": bind: address already in use\",\"status\":500,\"proxies\":[{\"name\":\"pop-ok\"");
        }
        assertThat(SERVER.api().get("/proxies/pop-ok").status()).isEqualTo(200);
        assertThat(SERVER.api().get("/proxies/pop-taken").status()).isEqualTo(404);
        assertThat(SERVER.api().get("/proxies/pop-after").status()).isEqualTo(404);
        SERVER.api().delete("/proxies/pop-ok");
    }

    @Test
    void listenAddressInUseIsAServerErrorWithTheRealEngine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();

            Answer answer = SERVER.api().post("/proxies", proxyJson("taken", listen));

            assertThat(answer.status()).as("Toxiproxy's status for a taken address").isEqualTo(500);
            assertThat(answer.body()).isEqualTo("{\"error\":\"listen tcp " + listen
                    + ": bind: address already in use\",\"status\":500}\n");
        }
        assertThat(SERVER.api().get("/proxies/taken").status()).isEqualTo(404);
    }

    @Test
    void garbageBodiesAreAllBadRequestsAndTheServerStaysUp() {
        assertThat(SERVER.api().post("/proxies", proxyJson("target", "127.0.0.1:0")).status()).isEqualTo(201);
        List<String> garbage = List.of(
                "{", "}", "nul", "{\"name\":", "\u0000\u0001\u0002",
                "[".repeat(100_000) + "]".repeat(100_000),
                "{\"name\":\"" + "n".repeat(200_000) + "\"",
                "{\"name\":1e999999,\"upstream\":\"a:1\"}",
                "{\"name\":\"x\",\"upstream\":\"a:1\",\"seed\":1e30}",
                "{\"name\":\"x\",\"upstream\":\"a:1\",\"enabled\":\"yes\"}",
                "{\"name\":\"x/y\",\"upstream\":\"a:1\"}");
        for (String body : garbage) {
            Answer answer = SERVER.api().post("/proxies", body);
            String shown = body.length() > 40 ? body.substring(0, 40) + "…" : body;
            assertThat(answer.status()).as("POST /proxies %s -> %s", shown, answer).isEqualTo(400);
            assertThat(answer.body()).as(shown).startsWith("{\"error\":\"").endsWith(",\"status\":400}\n");
        }
        List<String> badToxics = List.of(
                "{\"type\":\"latency\",\"attributes\":{\"latency\":9223372036854775808}}",
                "{\"type\":\"latency\",\"attributes\":{\"latency\":1.5}}",
                "{\"type\":\"latency\",\"attributes\":{\"latency\":\"5\"}}",
                "{\"type\":\"latency\",\"toxicity\":\"0.5\"}",
                "{\"type\":\"latency\",\"attributes\":[1]}",
                "{\"type\":7}",
                "{\"type\":\"LATENCY\"}");
        for (String body : badToxics) {
            Answer answer = SERVER.api().post("/proxies/target/toxics", body);
            assertThat(answer.status()).as("POST toxic %s -> %s", body, answer).isEqualTo(400);
            assertThat(answer.body()).as(body).startsWith("{\"error\":\"").endsWith(",\"status\":400}\n");
        }
        assertThat(SERVER.api().get("/proxies/target/toxics").body()).isEqualTo("[]");
        assertThat(SERVER.api().get("/version").status()).isEqualTo(200);
    }

    @Test
    void oversizedBodyIsRefusedWithoutHarm() {
        Answer answer = SERVER.api().post("/proxies", "{\"name\":\"" + "x".repeat(2 << 20) + "\"}");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(SERVER.api().get("/version").status()).isEqualTo(200);
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768 and up), so no outgoing connection elsewhere on the machine
     * can take it between our delete and our next create.
     */
    private static int freePortOutsideEphemeralRange() {
        int start = 20_000 + (int) (ProcessHandle.current().pid() % 10_000);
        for (int i = 0; i < 2_000; i++) {
            int port = 20_000 + (start - 20_000 + i * 7) % 12_000;
            if (portIsFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found between 20000 and 32000");
    }

    /** Live threads other than the JDK HTTP clients' (which linger by design after the churn's clients). */
    private static long serverSideThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().startsWith("HttpClient-"))
                .count();
    }

    private static long openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? 0 : fds.length;
    }
}
