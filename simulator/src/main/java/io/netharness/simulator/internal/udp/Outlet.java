package io.netharness.simulator.internal.udp;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/** Where an {@link ImpairedPath} sends a datagram once its time has come, and how a capture labels it. */
interface Outlet {

    /** Sends {@code datagram} and takes ownership of it (releases it whatever happens). On the event loop. */
    void send(ByteBuf datagram);

    /** Source address written to a capture. */
    InetSocketAddress captureSource();

    /** Destination address written to a capture. */
    InetSocketAddress captureDestination();
}
