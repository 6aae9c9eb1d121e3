package io.netharness.core.tcp;

import io.netharness.core.Chunk;
import io.netharness.core.Format;
import io.netharness.core.Lifecycle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@link TcpClient} on a blocking {@link Socket}: a reader thread emits what arrives, a writer thread sends
 * what arrives on the inbox (which Kamaelia's ThreadedTCPClient never did). Blocking puts into the outbox
 * give back-pressure: a slow reader of the outbox stops the socket being read.
 */
final class ThreadedTcpClient extends AbstractTcpClient {

    private static final System.Logger LOG = System.getLogger(ThreadedTcpClient.class.getName());
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final Socket socket = new Socket();
    private volatile Thread reader;
    private volatile Thread writer;
    private volatile boolean closing;

    ThreadedTcpClient(InetSocketAddress server, ConnectionSettings settings) {
        super("ThreadedTcpClient", server, settings);
    }

    @Override
    public TcpClient start() {
        if (!state.tryStart()) {
            return this;
        }
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, (int) settings.connectTimeout().toMillis());
        } catch (IOException e) {
            closeQuietly();
            throw connectFailed(e);
        }
        String threadName = THREAD_NAME_PREFIX + socket.getLocalPort();
        reader = new Thread(this::readLoop, threadName + "-reader");
        writer = new Thread(this::writeLoop, threadName + "-writer");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
        control().onArrival(() -> writer.interrupt()); // wakes the writer from its inbox wait
        return this;
    }

    private void readLoop() {
        InetSocketAddress local = (InetSocketAddress) socket.getLocalSocketAddress();
        Throwable failure = null;
        try (InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[READ_BUFFER_BYTES];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                outbox().put(Chunk.of(Arrays.copyOf(buffer, read)));
            }
        } catch (IOException e) {
            if (!closing) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() asked us to stop while the outbox was full
        } finally {
            inbox().close("connection to " + Format.address(server) + " is closed");
            closeQuietly();
            writer.interrupt();
            signal().offer(new Lifecycle.SocketShutdown(local, server, failure));
        }
    }

    private void writeLoop() {
        try (OutputStream out = socket.getOutputStream()) {
            while (!closing && !socket.isClosed()) {
                Chunk chunk;
                try {
                    chunk = inbox().poll(Duration.ofDays(1));
                } catch (InterruptedException wakeUp) {
                    if (finishRequested()) {
                        sendRemaining(out);
                        closeQuietly();
                        return;
                    }
                    continue;
                }
                if (chunk != null) {
                    write(out, chunk);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> this + " could not send", e);
            closeQuietly(); // the reader sees the close and signals it
        }
    }

    private boolean finishRequested() {
        boolean finish = false;
        Lifecycle message;
        while ((message = control().poll()) != null) {
            finish |= message instanceof Lifecycle.ProducerFinished || message instanceof Lifecycle.ServerShutdown;
        }
        return finish;
    }

    private void sendRemaining(OutputStream out) throws IOException {
        Chunk chunk;
        while ((chunk = inbox().poll()) != null) {
            write(out, chunk);
        }
    }

    private static void write(OutputStream out, Chunk chunk) throws IOException {
        out.write(chunk.toByteArray());
        out.flush();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "closing " + this + " failed", e);
        }
    }

    @Override
    protected InetSocketAddress connectedLocalAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected() && !socket.isClosed();
    }

    @Override
    public void close() {
        if (!state.tryClose()) {
            return;
        }
        closing = true;
        inbox().close(toString());
        control().onArrival(null);
        closeQuietly();
        join(writer);
        join(reader);
    }

    private void join(Thread thread) {
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(settings.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + thread.getName() + " to stop", e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " of " + this + " did not stop within "
                    + settings.closeTimeout());
        }
    }

    @Override
    public String toString() {
        String target = Format.address(server);
        return state.describe(() -> isConnected()
                ? Format.address(socket.getLocalSocketAddress()) + "->" + target
                : "disconnected from " + target);
    }
}
