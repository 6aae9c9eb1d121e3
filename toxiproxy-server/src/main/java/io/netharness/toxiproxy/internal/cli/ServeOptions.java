package io.netharness.toxiproxy.internal.cli;

import io.netharness.toxiproxy.internal.GoAddresses;
import io.netharness.toxiproxy.internal.ProxyProtocol;
import io.netharness.toxiproxy.internal.Stream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags of {@code serve}: Toxiproxy's server flags ({@code -host}, {@code -port}, {@code -config},
 * {@code -seed}, {@code -proxy-metrics}, {@code -runtime-metrics}, {@code -version}), so scripts and images that
 * start Toxiproxy can start {@code serve} instead, and NetHarness's own: links to start at once, statistics,
 * {@code --strict}. As with Go's flag package, a flag may be written with one dash or two, and its value after
 * {@code =} or as the next argument.
 *
 * <p>Profile flags apply to the {@code --link} before them; a value may start with {@code up:} or {@code down:}
 * to act on one direction only (default: both). {@code --seed} before any {@code --link} is the server's seed.
 */
public record ServeOptions(String host, int port, boolean api, Duration statsInterval, List<LinkFlag> links,
        boolean help, String config, Long seed, boolean proxyMetrics, boolean runtimeMetrics, boolean strict,
        boolean version) {

    public static final String USAGE = String.join("\n",
            "Usage: serve [options]",
            "  A Toxiproxy-compatible server on the NetHarness simulator. Toxiproxy clients talk to its API.",
            "",
            "  Flags take one dash or two, and a value after = or as the next argument (-port=8474, --port 8474).",
            "",
            "Toxiproxy's server flags:",
            "  --host HOST            address the API binds (default 127.0.0.1; use 0.0.0.0 to expose it)",
            "  --port PORT            API port (default 8474; 0 = any free port)",
            "  --config FILE          create the proxies of FILE (Toxiproxy's JSON: an array of proxies) at start",
            "  --seed N               seed of every proxy created without one (each derives its own from N)",
            "  --proxy-metrics        serve GET /metrics with each proxy's byte counters (Prometheus text)",
            "  --runtime-metrics      serve GET /metrics with the JVM's figures",
            "  --version              print the version and exit",
            "",
            "NetHarness:",
            "  --strict               refuse values Toxiproxy stores silently (negative times, toxicity above 1...)",
            "  --no-api               run only the links given below, without the API",
            "  --stats-interval D     print live statistics every D (default 5s; 0 = never)",
            "",
            "Links (each --link starts a proxy; the flags after it shape that link):",
            "  --link NAME=LISTEN->UPSTREAM   e.g. --link 'redis=127.0.0.1:26379->127.0.0.1:6379'",
            "                         (quote it: a shell reads > as a redirection)",
            "  --udp                  the link carries UDP datagrams instead of a TCP stream",
            "  --seed N               seed of every random decision of the link",
            "  --latency [up:|down:]D       added delay, e.g. 20ms (Toxiproxy's latency toxic)",
            "  --jitter [up:|down:]D        random variation of the delay, at most the latency",
            "  --bandwidth [up:|down:]RATE  e.g. 500KB/s or 2MB/s (1 KB = 1000 B, as Toxiproxy)",
            "  --loss [up:|down:]P          UDP: drop each datagram with probability P (0.02 or 2%)",
            "  --duplicate [up:|down:]P     UDP: send a datagram twice",
            "  --reorder [up:|down:]P       UDP: hold a datagram back behind 3 later ones (at most 100 ms)",
            "  --corrupt [up:|down:]P       UDP: flip one bit of a datagram",
            "  --fault [up:|down:]'TYPE [ATTRIBUTE=VALUE...] [FIELD VALUE...]'",
            "                         TCP: a fault toxic with its trigger, in force from the first connection, e.g.",
            "                         'down:reset after 2s', 'cut up 200ms down 100ms', 'refuse until 3s',",
            "                         'accept_delay delay=2s', 'down:message_drop message 3 framer resp'",
            "  --refuse-while-upstream-refuses  TCP: refuse clients while the upstream refuses the link",
            "  --help                 show this text");

    private static final int DEFAULT_PORT = 8474;

    public ServeOptions {
        links = List.copyOf(links);
    }

    /** Parses {@code args}; throws {@link UsageException} naming the flag and the expected value. */
    public static ServeOptions parse(String... args) {
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        boolean api = true;
        boolean help = false;
        String config = null;
        Long seed = null;
        boolean proxyMetrics = false;
        boolean runtimeMetrics = false;
        boolean strict = false;
        boolean version = false;
        Duration statsInterval = Duration.ofSeconds(5);
        List<LinkFlag> links = new ArrayList<>();
        Flags flags = new Flags(args);
        while (flags.next()) {
            String flag = flags.name();
            switch (flag) {
                case "--help", "-h" -> help = flags.bool();
                case "--version" -> version = flags.bool();
                case "--strict" -> strict = flags.bool();
                case "--proxy-metrics" -> proxyMetrics = flags.bool();
                case "--runtime-metrics" -> runtimeMetrics = flags.bool();
                case "--no-api" -> api = !flags.bool();
                case "--host" -> host = flags.value();
                case "--port" -> port = Values.port(flag, flags.value());
                case "--config" -> config = flags.value();
                case "--stats-interval" -> statsInterval = Values.duration(flag, flags.value());
                case "--link" -> links.add(link(flags.value(), links));
                case "--udp" -> current(links, flag).protocol(flags.bool() ? ProxyProtocol.UDP : ProxyProtocol.TCP);
                case "--seed" -> {
                    long value = seed(flag, flags.value());
                    if (links.isEmpty()) {
                        seed = value;
                    } else {
                        current(links, flag).seed(value);
                    }
                }
                case "--latency", "--jitter", "--bandwidth", "--loss", "--duplicate", "--reorder", "--corrupt" ->
                        profile(current(links, flag), flag, flags.value());
                case "--fault" -> fault(current(links, flag), flags.value());
                case "--refuse-while-upstream-refuses" ->
                        current(links, flag).refuseWhileUpstreamRefuses(flags.bool());
                default -> throw new UsageException("unknown flag: " + flags.written() + " (see --help)");
            }
        }
        if (!api && links.isEmpty() && !help && !version) {
            throw new UsageException("--no-api needs at least one --link (nothing would run)");
        }
        return new ServeOptions(host, port, api, statsInterval, links, help, config, seed, proxyMetrics,
                runtimeMetrics, strict, version);
    }

    private static void fault(LinkFlag link, String text) {
        if (text.startsWith("up:")) {
            link.fault(List.of(Stream.UPSTREAM), text.substring(3));
        } else if (text.startsWith("down:")) {
            link.fault(List.of(Stream.DOWNSTREAM), text.substring(5));
        } else {
            link.fault(List.of(Stream.UPSTREAM, Stream.DOWNSTREAM), text);
        }
    }

    private static void profile(LinkFlag link, String flag, String text) {
        List<Stream> streams = List.of(Stream.UPSTREAM, Stream.DOWNSTREAM);
        String value = text;
        if (text.startsWith("up:")) {
            streams = List.of(Stream.UPSTREAM);
            value = text.substring(3);
        } else if (text.startsWith("down:")) {
            streams = List.of(Stream.DOWNSTREAM);
            value = text.substring(5);
        }
        switch (flag) {
            case "--latency" -> link.attribute("latency", streams, "latency", Values.duration(flag, value).toMillis());
            case "--jitter" -> link.attribute("latency", streams, "jitter", Values.duration(flag, value).toMillis());
            case "--bandwidth" -> link.attribute("bandwidth", streams, "rate", Values.kilobytesPerSecond(flag, value));
            case "--loss" -> link.attribute("loss", streams, "probability", Values.probability(flag, value));
            case "--duplicate" -> link.attribute("duplicate", streams, "probability", Values.probability(flag, value));
            case "--reorder" -> link.attribute("reorder", streams, "probability", Values.probability(flag, value));
            case "--corrupt" -> link.attribute("corrupt", streams, "probability", Values.probability(flag, value));
            default -> throw new IllegalStateException(flag);
        }
    }

    private static LinkFlag link(String text, List<LinkFlag> existing) {
        int equals = text.indexOf('=');
        int arrow = text.indexOf("->");
        if (equals <= 0 || arrow < equals) {
            throw new UsageException("--link: " + text + " (expected: NAME=LISTEN->UPSTREAM, e.g. "
                    + "db=127.0.0.1:0->127.0.0.1:5432; quote it, a shell reads > as a redirection)");
        }
        String name = text.substring(0, equals);
        String listen = text.substring(equals + 1, arrow);
        String upstream = text.substring(arrow + 2);
        try {
            GoAddresses.parse("--link " + name + " listen", listen);
            GoAddresses.parseUnresolved("--link " + name + " upstream", upstream);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (existing.stream().anyMatch(link -> link.name().equals(name))) {
            throw new UsageException("--link: " + name + " is given twice (expected: unique names)");
        }
        return new LinkFlag(name, listen, upstream);
    }

    private static LinkFlag current(List<LinkFlag> links, String flag) {
        if (links.isEmpty()) {
            throw new UsageException(flag + " must follow the --link it shapes");
        }
        return links.get(links.size() - 1);
    }

    private static long seed(String flag, String text) {
        try {
            return Long.decode(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": " + text + " (expected: a 64-bit integer)");
        }
    }

}
