package io.netharness.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain blocking-socket server on 127.0.0.1 port 0 for tests, independent of the code under test: each accepted
 * connection is handed to a {@link Behaviour} on its own thread. Accepted sockets are also queued so a test can
 * take them ({@link #nextConnection()}).
 */
final class LoopbackServer implements AutoCloseable {

    /** What the server does with an accepted socket; runs on a dedicated thread; the server closes the socket. */
    interface Behaviour {
        void serve(Socket socket) throws IOException;
    }

    /** Echoes everything until EOF, then closes. */
    static final Behaviour ECHO = socket -> {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            out.write(buffer, 0, n);
        }
    };

    /** Keeps the socket open without reading; the test drives it through {@link #nextConnection()}. */
    static final Behaviour HOLD = socket -> {
        try {
            new CountDownLatch(1).await(); // parked until close() interrupts this server thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    private final ServerSocket serverSocket;
    private final Behaviour behaviour;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    LoopbackServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start("accept", this::acceptLoop);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** The next accepted socket, waiting up to 10 s. */
    Socket nextConnection() throws InterruptedException {
        Socket socket = accepted.poll(10, TimeUnit.SECONDS);
        if (socket == null) {
            throw new AssertionError("no connection reached the server within 10 s");
        }
        return socket;
    }

    /** Errors raised on server threads other than the expected socket closes. */
    List<Throwable> failures() {
        return failures;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                accepted.add(socket);
                start("conn", () -> {
                    try (socket) {
                        behaviour.serve(socket);
                    } catch (SocketException expectedOnReset) {
                        // resets are what several tests provoke
                    } catch (IOException | RuntimeException e) {
                        failures.add(e);
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void start(String name, Runnable task) {
        Thread thread = new Thread(task, "loopback-server-" + name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** Closes every socket and stops the server's threads; an interrupt is kept and ends the wait with an exception. */
    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        try {
            for (Thread thread : threads) {
                thread.interrupt();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the loopback server's threads were stopping", e);
        }
    }
}
