package io.netharness.toxiproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A blocking TCP echo server on 127.0.0.1 port 0 for tests: one thread per connection echoes every byte and
 * closes its side when the client half-closes. Close waits for its threads.
 */
final class EchoServer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    EchoServer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptLoop, "echo-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** How many connections it has accepted so far. */
    int accepted() {
        return sockets.size();
    }

    /** {@code 127.0.0.1:port}, as Toxiproxy's upstream field takes it. */
    String hostPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread echo = new Thread(() -> echo(socket), "echo-" + socket.getPort());
                echo.setDaemon(true);
                threads.add(echo);
                echo.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[16384];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the peer reset or the server closed: nothing to echo any more
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        acceptor.join(TimeUnit.SECONDS.toMillis(5));
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop");
            }
        }
    }
}
