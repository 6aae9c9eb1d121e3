package io.netharness.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's tftpd-hpa ({@code in.tftpd}) in the foreground on a free 127.0.0.1 port, serving the given files
 * read-only from a directory of its own. It answers each request from a new port of its own (the transfer ID), as
 * TFTP does, and retransmits an unacknowledged block after {@link #RETRANSMIT} (doubling each time).
 *
 * <p>It needs root: it changes its root directory to the served one and runs as {@code nobody}. Without root, or
 * without the binary, the test is skipped (fails with {@code CI=true}).
 */
public final class TftpServer extends LoopbackServer {

    /** The server's first retransmission timeout (its {@code -T}, in microseconds on the command line). */
    public static final Duration RETRANSMIT = Duration.ofMillis(200);

    private TftpServer(ServerProcess process, int port) {
        super(process, port);
    }

    /** Starts tftpd serving {@code files} (name -> content). */
    public static TftpServer serving(Map<String, byte[]> files) {
        Path binary = Executables.require("in.tftpd", "tftpd-hpa");
        if (!isRoot()) {
            throw Prerequisites.missing("root (in.tftpd changes its root directory and user)",
                    "run the integration tests as root, as CI does");
        }
        return ServerProcess.onFreePort(LocalPorts::freeTcpAndUdpPort, port -> start(binary, port, files));
    }

    private static TftpServer start(Path binary, int port, Map<String, byte[]> files) {
        Path directory = ServerProcess.temporaryDirectory("netharness-tftpd-");
        try {
            // tftpd reads the files as nobody, from inside the directory it changed its root to.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = directory.resolve(file.getKey());
                Files.write(path, file.getValue());
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare tftpd's directory " + directory, e);
        }
        List<String> command = List.of(binary.toString(),
                "--foreground",
                "--address", "127.0.0.1:" + port,
                "--retransmit", Long.toString(RETRANSMIT.toNanos() / 1_000),
                "--secure", directory.toString());
        ServerProcess process = ServerProcess.start("tftpd", directory, command, "TERM", Duration.ofSeconds(20),
                () -> bound(port));
        return new TftpServer(process, port);
    }

    /** tftpd speaks only when asked and logs to syslog: its bound UDP port says it serves. */
    private static boolean bound(int port) {
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.bind(new InetSocketAddress(LocalPorts.loopback(), port));
            return false;
        } catch (SocketException taken) {
            return true;
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
            return false;
        }
    }
}
