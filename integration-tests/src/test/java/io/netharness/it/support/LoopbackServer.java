package io.netharness.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A real server running as a {@link ServerProcess} on a 127.0.0.1 port; closing it stops the process. */
public abstract class LoopbackServer implements AutoCloseable {

    private final ServerProcess process;
    private final int port;

    protected LoopbackServer(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Where clients reach the server directly (tests put a link in front of it). */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.close();
    }

    /** A readiness check for servers whose open port means they serve: a TCP connection to 127.0.0.1:port. */
    protected static boolean acceptsConnections(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{127.0.0.1:" + port + ", " + process + "}";
    }
}
