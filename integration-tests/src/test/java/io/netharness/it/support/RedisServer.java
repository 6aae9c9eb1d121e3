package io.netharness.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's {@code redis-server} on a free 127.0.0.1 port, in a temporary directory, without persistence.
 * {@link #close()} stops it and deletes the directory.
 */
public final class RedisServer extends LoopbackServer {

    private RedisServer(ServerProcess process, int port) {
        super(process, port);
    }

    /** Starts a server; skips the test (fails it on CI) when redis-server is not installed. */
    public static RedisServer start() {
        Path binary = Executables.require("redis-server", "redis-server");
        return ServerProcess.onFreePort(LocalPorts::freeTcpPort, port -> start(binary, port));
    }

    private static RedisServer start(Path binary, int port) {
        Path directory = ServerProcess.temporaryDirectory("netharness-redis-");
        List<String> command = List.of(binary.toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--dir", directory.toString(),
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--protected-mode", "no",
                "--logfile", "");
        ServerProcess process = ServerProcess.start("redis-server", directory, command, "TERM",
                Duration.ofSeconds(20), () -> answersPing(port));
        return new RedisServer(process, port);
    }

    // Readiness by the protocol itself rather than by an open port: redis answers PING once it serves commands.
    private static boolean answersPing(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        }
    }
}
