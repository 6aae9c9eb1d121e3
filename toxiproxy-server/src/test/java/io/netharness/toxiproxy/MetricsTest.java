package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.toxiproxy.ApiClient.Answer;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} as Toxiproxy serves it: absent unless switched on, then Prometheus text. */
class MetricsTest {

    @Test
    void withoutMetricsThereIsNoRoute() {
        try (ToxiproxyServer server = ToxiproxyServer.builder().build().start()) {
            Answer answer = new ApiClient(server.uri()).get("/metrics");

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo("404 page not found\n");
        }
    }

    @Test
    void proxyMetricsCountTheBytesOfEachDirectionWithToxiproxysLabels() throws Exception {
        try (EchoServer echo = new EchoServer();
                ToxiproxyServer server = ToxiproxyServer.builder().metrics(true, false).build().start()) {
            ApiClient api = new ApiClient(server.uri());
            String listen = api.createSeeded("echo", echo.hostPort(), 1);
            assertThat(RoundTrips.echoNanos(listen, 1000)).isPositive();
            String labels = "{direction=\"upstream\",listener=\"" + listen + "\",proxy=\"echo\",upstream=\""
                    + echo.hostPort() + "\"}";

            Wait.until("the echo's bytes are counted", java.time.Duration.ofSeconds(10),
                    () -> api.get("/metrics").body().contains("toxiproxy_proxy_sent_bytes_total"
                            + labels.replace("upstream\",listener", "downstream\",listener") + " 1000\n"));
            Answer answer = api.get("/metrics");

            assertThat(answer.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(answer.body()).contains("# TYPE toxiproxy_proxy_received_bytes_total counter\n",
                    "toxiproxy_proxy_received_bytes_total" + labels + " 1000\n",
                    "toxiproxy_proxy_sent_bytes_total" + labels + " 1000\n")
                    .doesNotContain("jvm_threads_current");

            api.post("/proxies/echo", "{\"enabled\":false}");
            assertThat(api.get("/metrics").body()).as("counters survive a disable")
                    .contains("toxiproxy_proxy_received_bytes_total" + labels + " 1000\n");
        }
    }

    @Test
    void runtimeMetricsDescribeTheJvm() {
        try (ToxiproxyServer server = ToxiproxyServer.builder().metrics(false, true).build().start()) {
            String body = new ApiClient(server.uri()).get("/metrics").body();

            assertThat(body).contains("# TYPE process_start_time_seconds gauge\n", "jvm_threads_current ")
                    .doesNotContain("toxiproxy_proxy");
        }
    }
}
