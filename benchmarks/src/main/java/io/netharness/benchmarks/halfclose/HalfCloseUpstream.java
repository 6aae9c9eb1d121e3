package io.netharness.benchmarks.halfclose;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The server side of a half-close case, on plain blocking sockets (independent of the code under test), on
 * 127.0.0.1 port 0. In {@link Order#CLIENT_FIRST} it reads the request to its end, then sends {@link Payload} and
 * closes. In {@link Order#SERVER_FIRST} it sends a greeting and half-closes at once, then reads what the client
 * uploads to its end (as a slow reader if asked) and publishes its digest before it closes.
 */
public final class HalfCloseUpstream implements AutoCloseable {

    static final byte[] GREETING = "ready\n".getBytes();

    private final Order order;
    private final boolean slowReader;
    private final ServerSocket listener;
    private final BlockingQueue<Payload.Digest> uploads = new LinkedBlockingQueue<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /** {@code receiveBuffer} 0 keeps the system's default. */
    public HalfCloseUpstream(Order order, boolean slowReader, int receiveBuffer) throws IOException {
        this.order = order;
        this.slowReader = slowReader;
        this.listener = new ServerSocket();
        if (receiveBuffer > 0) {
            listener.setReceiveBufferSize(receiveBuffer); // inherited by accepted sockets, before the handshake
        }
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        start("accept", this::acceptLoop);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Forgets uploads a failed earlier run left behind, so the next run reads its own. */
    void discardUploads() {
        uploads.clear();
    }

    /** Errors of the server's connection threads; a soak clears them after counting. */
    public List<Throwable> drainFailures() {
        List<Throwable> drained = new ArrayList<>(failures);
        failures.removeAll(drained);
        return drained;
    }

    /** The digest of the next upload the server read to its end ({@link Order#SERVER_FIRST}). */
    public Payload.Digest nextUpload(Duration timeout) throws InterruptedException, TransferFailed {
        Payload.Digest digest = uploads.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (digest == null) {
            throw new TransferFailed(TransferFailed.Kind.TIMEOUT, "the upstream read no complete upload within "
                    + timeout.toMillis() + " ms; its errors: " + failures);
        }
        return digest;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                start("connection", () -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (order == Order.CLIENT_FIRST) {
                in.readAllBytes();
                out.write(Payload.bytes());
            } else {
                out.write(GREETING);
                socket.shutdownOutput();
                uploads.add(Payload.digestOf(in, slowReader));
            }
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
        }
    }

    /** Runs {@code task} on a thread of its own, tracked until it ends (a soak makes thousands). */
    private void start(String name, Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, "half-close-upstream-" + name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** Stops accepting and waits (up to 10 s each) for the connection threads still running. */
    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        for (Thread thread : List.copyOf(threads)) {
            thread.join(10_000);
        }
    }
}
