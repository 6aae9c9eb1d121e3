package io.netharness.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code nginx} serving static files from a temporary directory on a free 127.0.0.1 port: a single
 * foreground process, every path (pid, logs, temp files) inside that directory, so it needs no root and touches
 * nothing of the system's nginx.
 */
public final class NginxServer extends LoopbackServer {

    private NginxServer(ServerProcess process, int port) {
        super(process, port);
    }

    /**
     * Starts nginx serving {@code files} (path relative to the document root -> content); skips the test (fails it
     * on CI) when nginx is not installed.
     */
    public static NginxServer serving(Map<String, byte[]> files) {
        Path binary = Executables.require("nginx", "nginx");
        return ServerProcess.onFreePort(LocalPorts::freeTcpPort, port -> start(binary, port, files));
    }

    private static NginxServer start(Path binary, int port, Map<String, byte[]> files) {
        Path directory = ServerProcess.temporaryDirectory("netharness-nginx-");
        try {
            Path root = Files.createDirectories(directory.resolve("www"));
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            Files.writeString(directory.resolve("nginx.conf"), configuration(directory, root, port),
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            ServerProcess.deleteRecursively(directory);
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(binary.toString(),
                "-p", directory.toString(),
                "-c", directory.resolve("nginx.conf").toString(),
                "-e", "stderr"); // before reading its configuration nginx would open /var/log/nginx/error.log
        ServerProcess process = ServerProcess.start("nginx", directory, command, "TERM", Duration.ofSeconds(20),
                () -> acceptsConnections(port));
        return new NginxServer(process, port);
    }

    private static String configuration(Path directory, Path root, int port) {
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    types { text/plain txt; application/octet-stream bin; }
                    default_type application/octet-stream;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                    }
                }
                """.formatted(directory, port, root);
    }
}
