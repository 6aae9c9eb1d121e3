package io.netharness.junit.internal;

import io.netharness.junit.Protocol;
import java.net.InetSocketAddress;

/**
 * An in-process server started by the extension.
 *
 * @param name the name links refer to it by
 * @param protocol TCP or UDP (what a link to it carries)
 * @param address where it listens
 * @param value what is injected into the field or parameter
 * @param closer closes the server; waits for its threads
 */
record ManagedServer(String name, Protocol protocol, InetSocketAddress address, Object value,
        AutoCloseable closer) implements ManagedResource {

    @Override
    public void close(boolean keepEvidence) throws Exception {
        closer.close();
        // A multicast group's port is shared by design (SO_REUSEADDR), so a bind test says nothing there.
        if (!address.getAddress().isMulticastAddress() && !PortCheck.becomesFree(address, protocol == Protocol.UDP)) {
            throw new IllegalStateException("In-process server '" + name + "' still holds " + address
                    + " " + PortCheck.GRACE.toSeconds() + " s after closing: a channel or event loop of it was not shut down");
        }
    }
}
