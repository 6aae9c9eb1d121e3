package io.netharness.junit.internal;

import io.netharness.junit.Protocol;
import io.netharness.simulator.Link;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A link started by the extension, with what its failure report needs: its name, seed and capture file.
 *
 * @param spec the validated annotation
 * @param protocol TCP or UDP, as built
 * @param link the started link
 * @param inProcess true for the simulator's links, false for a proxy on a Toxiproxy server
 * @param capture the pcap file, if capturing
 * @param targetServer the name of the in-process server it leads to, if any
 */
record ManagedLink(LinkSpec spec, Protocol protocol, Link link, boolean inProcess,
        Optional<Path> capture, Optional<String> targetServer)
        implements ManagedResource {

    /** The field or parameter name. */
    public String name() {
        return spec.name();
    }

    @Override
    public void close(boolean keepEvidence) throws IOException {
        InetSocketAddress address = link.address();
        link.close();
        if (capture.isPresent() && !keepEvidence) {
            Files.deleteIfExists(capture.get());
        }
        // A multicast group's port is shared by design (SO_REUSEADDR), so a bind test says nothing there; a
        // Toxiproxy proxy's port belongs to the Toxiproxy server, which may be on another host.
        if (inProcess && protocol != Protocol.MULTICAST && !PortCheck.becomesFree(address, protocol == Protocol.UDP)) {
            throw new IllegalStateException("Link '" + name() + "' still holds " + address
                    + " " + PortCheck.GRACE.toSeconds() + " s after closing: a channel or event loop of it was not shut down");
        }
    }
}
