package io.netharness.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code dnsmasq} as an authoritative-only DNS server on a free 127.0.0.1 port (UDP and TCP), answering
 * the given A records and nothing else: no upstream servers, no /etc/hosts, no configuration file, no DHCP.
 */
public final class DnsmasqServer extends LoopbackServer {

    private DnsmasqServer(ServerProcess process, int port) {
        super(process, port);
    }

    /**
     * Starts dnsmasq answering {@code records} (host name -> IPv4 address); skips the test (fails it on CI) when
     * dnsmasq is not installed.
     */
    public static DnsmasqServer answering(Map<String, String> records) {
        Path binary = Executables.require("dnsmasq", "dnsmasq-base");
        return ServerProcess.onFreePort(LocalPorts::freeTcpAndUdpPort, port -> start(binary, port, records));
    }

    private static DnsmasqServer start(Path binary, int port, Map<String, String> records) {
        Path directory = ServerProcess.temporaryDirectory("netharness-dnsmasq-");
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--no-daemon",                // foreground, log to stderr
                "--conf-file=/dev/null",
                "--port=" + port,
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                "--no-resolv",
                "--no-hosts",
                "--no-poll",
                "--pid-file=" + directory.resolve("dnsmasq.pid")));
        records.forEach((name, address) -> command.add("--host-record=" + name + "," + address));
        ServerProcess process = ServerProcess.start("dnsmasq", directory, command, "TERM", Duration.ofSeconds(20),
                // dnsmasq binds its TCP and UDP sockets together, before it serves: an accepted TCP connection
                // means ready.
                () -> acceptsConnections(port));
        return new DnsmasqServer(process, port);
    }
}
