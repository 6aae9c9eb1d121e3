package io.netharness.benchmarks.hop;

import java.net.InetSocketAddress;

/** A started proxy (or none) in front of an endpoint. Clients connect or send to {@link #address()}. */
public interface Hop extends AutoCloseable {

    /** Where the client connects (TCP) or sends (UDP). */
    InetSocketAddress address();

    /** Stops the proxy and waits for its threads; idempotent. */
    @Override
    void close();
}
