package io.netharness.toxiproxy.internal;

import java.net.BindException;

/**
 * The production engine: each proxy is a simulator link ({@code TcpLink} or {@code UdpLink}) sharing one event
 * loop group. Placeholder until the simulator's links land.
 */
public final class SimulatorLinkEngine implements LinkEngine {

    @Override
    public RunningLink open(LinkRequest request) throws BindException {
        throw new UnsupportedOperationException("the simulator's TcpLink and UdpLink are not available yet");
    }

    @Override
    public void close() {
    }
}
