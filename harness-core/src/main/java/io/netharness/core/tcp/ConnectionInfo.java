package io.netharness.core.tcp;

import io.netharness.core.Format;
import java.net.InetSocketAddress;
import java.util.Objects;

/** The two ends of an accepted connection, as given to a {@link ProtocolFactory}. */
public record ConnectionInfo(InetSocketAddress local, InetSocketAddress remote) {

    /** Checks that both ends are given. */
    public ConnectionInfo {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }

    /** The server's port. */
    public int localPort() {
        return local.getPort();
    }

    /** The client's port. */
    public int remotePort() {
        return remote.getPort();
    }

    @Override
    public String toString() {
        return Format.address(remote) + "->" + Format.address(local);
    }
}
