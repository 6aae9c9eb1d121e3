package io.netharness.toxiproxy.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The text of {@code GET /metrics} in Prometheus's exposition format, as Toxiproxy's {@code -proxy-metrics} and
 * {@code -runtime-metrics} switch it on.
 *
 * <p>Proxy metrics have Toxiproxy's names and labels: {@code toxiproxy_proxy_received_bytes_total} and
 * {@code toxiproxy_proxy_sent_bytes_total} with {@code direction}, {@code proxy}, {@code listener} and
 * {@code upstream}. They count every byte as it crosses (Toxiproxy adds a connection's bytes when it closes).
 * Runtime metrics describe this JVM ({@code process_*} as Prometheus's clients name them, and {@code jvm_*}), where
 * Toxiproxy's describe its Go runtime ({@code go_*}).
 */
public final class PrometheusMetrics implements Supplier<String> {

    private final ProxyRegistry registry;
    private final boolean proxy;
    private final boolean runtime;

    public PrometheusMetrics(ProxyRegistry registry, boolean proxy, boolean runtime) {
        this.registry = registry;
        this.proxy = proxy;
        this.runtime = runtime;
    }

    /** True if any metrics are on; without any, Toxiproxy has no {@code /metrics} route at all. */
    public boolean enabled() {
        return proxy || runtime;
    }

    @Override
    public String get() {
        StringBuilder text = new StringBuilder();
        if (runtime) {
            runtime(text);
        }
        if (proxy) {
            proxies(text);
        }
        return text.toString();
    }

    private void proxies(StringBuilder text) {
        StringBuilder received = new StringBuilder();
        StringBuilder sent = new StringBuilder();
        for (ManagedProxy managed : registry.all()) {
            ManagedProxy.ProxyView view = managed.view();
            long[] totals = managed.byteTotals();
            String up = labels("upstream", view);
            String down = labels("downstream", view);
            received.append("toxiproxy_proxy_received_bytes_total").append(up).append(' ').append(totals[0]).append('\n');
            sent.append("toxiproxy_proxy_sent_bytes_total").append(up).append(' ').append(totals[1]).append('\n');
            received.append("toxiproxy_proxy_received_bytes_total").append(down).append(' ').append(totals[2])
                    .append('\n');
            sent.append("toxiproxy_proxy_sent_bytes_total").append(down).append(' ').append(totals[3]).append('\n');
        }
        if (received.length() > 0) {
            text.append("# HELP toxiproxy_proxy_received_bytes_total \n")
                    .append("# TYPE toxiproxy_proxy_received_bytes_total counter\n").append(received)
                    .append("# HELP toxiproxy_proxy_sent_bytes_total \n")
                    .append("# TYPE toxiproxy_proxy_sent_bytes_total counter\n").append(sent);
        }
    }

    private static String labels(String direction, ManagedProxy.ProxyView view) {
        return "{direction=\"" + direction + "\",listener=\"" + escape(view.listen()) + "\",proxy=\""
                + escape(view.name()) + "\",upstream=\"" + escape(view.upstream()) + "\"}";
    }

    /** Label values escape backslash, double quote and newline. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void runtime(StringBuilder text) {
        gauge(text, "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.",
                ManagementFactory.getRuntimeMXBean().getStartTime() / 1e3);
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        gauge(text, "jvm_memory_heap_used_bytes", "gauge", "Heap memory in use.", heap.getUsed());
        gauge(text, "jvm_memory_heap_committed_bytes", "gauge", "Heap memory committed.", heap.getCommitted());
        gauge(text, "jvm_threads_current", "gauge", "Live threads of the JVM.",
                ManagementFactory.getThreadMXBean().getThreadCount());
    }

    private static void gauge(StringBuilder text, String name, String type, String help, double value) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ').append(format(value)).append('\n');
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.9g", value);
    }
}
