package io.netharness.core.tcp;

import io.netharness.core.Chunk;
import io.netharness.core.Component;

/**
 * Makes the protocol handler for one accepted connection of a {@link MultiClientServer} (Kamaelia's
 * protocol factory).
 *
 * <p>Called on the connection's event loop, once per connection, with its peer and local address; it
 * must not block. The server links the handler's inbox to what the connection reads and its outbox to
 * what the connection sends, then starts it. See {@link MultiClientServer} for what arrives on the
 * handler's control inbox and what its signal outbox can ask for.
 */
@FunctionalInterface
public interface ProtocolFactory {

    /** A new, unstarted handler for the connection described by {@code connection}. */
    Component<Chunk, Chunk> create(ConnectionInfo connection);
}
