package io.netharness.core.tcp;

import io.netharness.core.Chunk;
import io.netharness.core.Format;
import io.netharness.core.Lifecycle;
import io.netharness.core.internal.BoxedComponent;
import io.netharness.core.internal.LifecycleState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * What the event-loop and the threaded {@link TcpClient} share: the server, the settings, the lifecycle
 * state, the boxes and what a failed connect does, so the two differ only in how they move bytes. Not API.
 */
abstract class AbstractTcpClient extends BoxedComponent<Chunk, Chunk> implements TcpClient {

    protected final InetSocketAddress server;
    protected final ConnectionSettings settings;
    protected final LifecycleState state;

    /** @param kind names the client in messages and box names, e.g. {@code "TcpClient"} */
    protected AbstractTcpClient(String kind, InetSocketAddress server, ConnectionSettings settings) {
        super(kind + "[" + Format.address(server) + "]", settings.boxCapacity());
        this.server = server;
        this.settings = settings;
        this.state = new LifecycleState(kind);
    }

    @Override
    public final InetSocketAddress remoteAddress() {
        return server;
    }

    @Override
    public final InetSocketAddress localAddress() {
        if (!isConnected()) {
            throw new IllegalStateException("cannot read the local address: " + this + " is not connected");
        }
        return connectedLocalAddress();
    }

    /** The socket's local address; called only while connected. */
    protected abstract InetSocketAddress connectedLocalAddress();

    /**
     * Announces a failed connect and refuses further chunks; returns what {@code start()} should throw,
     * naming the server and the cause.
     */
    protected final RuntimeException connectFailed(Throwable cause) {
        signal().offer(new Lifecycle.ConnectionFailed(server, cause));
        inbox().close("connection to " + Format.address(server) + " failed");
        String message = "cannot connect to " + Format.address(server) + ": " + cause.getMessage();
        if (cause instanceof IOException io) {
            return new UncheckedIOException(message, io);
        }
        return new IllegalStateException(message, cause);
    }
}
