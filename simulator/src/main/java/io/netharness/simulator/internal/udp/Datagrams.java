package io.netharness.simulator.internal.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** Small shared helpers of the datagram links. */
final class Datagrams {

    /** Largest UDP payload; reads use buffers this large so nothing is silently cut. */
    static final int MAX_DATAGRAM = 65_535;
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;

    private Datagrams() {
    }

    /** Options every link socket gets: whole datagrams, and large kernel buffers so bursts are not lost. */
    static Bootstrap configure(Bootstrap bootstrap) {
        return bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES);
    }

    /**
     * A right-sized copy of the packet's payload: reads land in 64 KiB buffers, and holding those for the
     * length of a delay would pin megabytes. The packet is left to its owner to release.
     */
    static ByteBuf copyPayload(DatagramPacket packet) {
        ByteBuf content = packet.content();
        ByteBuf copy = packet.content().alloc().buffer(content.readableBytes());
        copy.writeBytes(content, content.readerIndex(), content.readableBytes());
        return copy;
    }

    /** Loopback of the address's family for a loopback target (traffic stays on lo), else the wildcard. */
    static InetSocketAddress localBindFor(InetSocketAddress target) {
        InetAddress address = target.getAddress();
        if (address != null && address.isLoopbackAddress()) {
            return new InetSocketAddress(address instanceof Inet6Address ? "::1" : "127.0.0.1", 0);
        }
        return new InetSocketAddress(0);
    }

    /**
     * Shuts down a link's own group and waits until its thread has ended (not merely until the group says it
     * terminated, which comes a moment before the thread exits).
     */
    static void shutdownAndJoin(EventLoopGroup group, String owner) {
        Thread thread;
        try {
            thread = group.next().submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            thread = null; // already shutting down: nothing to run the probe on
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        if (!group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(owner + "'s event loop did not stop within 10 s");
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                throw new IllegalStateException(owner + "'s event loop thread did not end within 10 s");
            }
        }
    }

    static String format(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
