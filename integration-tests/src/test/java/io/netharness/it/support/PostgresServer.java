package io.netharness.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's PostgreSQL server: a fresh cluster ({@code initdb}, trust authentication, user {@code postgres}) in a
 * temporary directory, listening on a free 127.0.0.1 port, with durability switched off for speed. PostgreSQL
 * refuses to run as root, so under root both run as the {@code postgres} user the Debian package creates.
 */
public final class PostgresServer extends LoopbackServer {

    private static final String OS_USER = "postgres";

    private PostgresServer(ServerProcess process, int port) {
        super(process, port);
    }

    /** Creates and starts a cluster; skips the test (fails it on CI) when PostgreSQL is not installed. */
    public static PostgresServer start() {
        Path postgres = Executables.require("postgres", "postgresql");
        Path initdb = postgres.resolveSibling("initdb");
        Path directory = ServerProcess.temporaryDirectory("netharness-postgres-");
        try {
            Path data = directory.resolve("data");
            initdb(initdb, directory, data);
            return ServerProcess.onFreePort(LocalPorts::freeTcpPort, port -> start(postgres, directory, data, port));
        } catch (RuntimeException | Error e) {
            ServerProcess.deleteRecursively(directory);
            throw e;
        }
    }

    private static void initdb(Path initdb, Path directory, Path data) {
        List<String> command = asServerUser(directory, List.of(initdb.toString(), "-D", data.toString(),
                "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"));
        Path log = directory.resolve("initdb.log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("initdb did not finish within 120 s; its log:\n" + Files.readString(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("initdb failed with status " + process.exitValue() + "; its log:\n"
                        + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running initdb", e);
        }
    }

    private static PostgresServer start(Path postgres, Path directory, Path data, int port) {
        List<String> command = asServerUser(directory, List.of(postgres.toString(), "-D", data.toString(),
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + directory,
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off"));
        // SIGINT is PostgreSQL's fast shutdown: it ends the sessions instead of waiting for clients to leave.
        ServerProcess process = ServerProcess.start("postgres", directory, command, "INT", Duration.ofSeconds(60),
                () -> acceptsQueries(port));
        return new PostgresServer(process, port);
    }

    // Under root: give the directory to the postgres user and run the command as that user (setpriv execs it, so
    // the signals that stop the server reach it directly).
    private static List<String> asServerUser(Path directory, List<String> command) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return command;
        }
        try {
            UserPrincipal user = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
            Files.setOwner(directory, user);
        } catch (IOException e) {
            throw Prerequisites.missing("the operating-system user " + OS_USER + " (created by the Debian package "
                    + "postgresql), needed because PostgreSQL refuses to run as root", "run: sudo bash .ci/setup-tools");
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + OS_USER, "--regid=" + OS_USER,
                "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean acceptsQueries(int port) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(new InetSocketAddress("127.0.0.1", port))
                + "&connectTimeout=1&socketTimeout=2")) {
            return connection.isValid(2);
        }
    }

    /** The JDBC URL of the {@code postgres} database at {@code address} (the server's, or a link's). */
    public static String jdbcUrl(InetSocketAddress address) {
        return "jdbc:postgresql://127.0.0.1:" + address.getPort() + "/postgres?user=postgres";
    }
}
