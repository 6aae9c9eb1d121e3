package io.netharness.simulator.internal.udp;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** Where an {@link ImpairedPath} sends a datagram once its time has come, and how a capture labels it. */
interface Outlet {

    /** Sends {@code datagram} and takes ownership of it (releases it whatever happens). On the event loop. */
    void send(ByteBuf datagram);

    /** Source address written to a capture. */
    InetSocketAddress captureSource();

    /** Destination address written to a capture. */
    InetSocketAddress captureDestination();

    /**
     * An outlet that hands each datagram to {@code send}; a capture shows it as {@code source} to
     * {@code destination}.
     */
    static Outlet of(Consumer<ByteBuf> send, InetSocketAddress source, InetSocketAddress destination) {
        return new Labelled(send, source, destination);
    }

    /** See {@link #of}. */
    record Labelled(Consumer<ByteBuf> sender, InetSocketAddress captureSource, InetSocketAddress captureDestination)
            implements Outlet {

        @Override
        public void send(ByteBuf datagram) {
            sender.accept(datagram);
        }
    }
}
