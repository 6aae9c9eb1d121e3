package io.netharness.simulator.internal.udp;

import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * A link-side socket that stands for one upstream peer address other than the target, such as the port a TFTP server
 * answers from (its transfer ID): replies from that peer reach clients from this socket's address, and what clients
 * send to this socket goes to that peer through their own session. So a client sees the peer's port change as it
 * would without the link, and answers the right one. Event loop only.
 */
final class PeerSocket {

    private final InetSocketAddress peer;
    private final LinkSideSocket socket;

    PeerSocket(InetSocketAddress peer, PendingFlushes flushes, long nowNanos) {
        this.peer = peer;
        this.socket = new LinkSideSocket(flushes, nowNanos);
    }

    /** The upstream peer this socket stands for. */
    InetSocketAddress peer() {
        return peer;
    }

    /** The socket itself; clients send to its {@link LinkSideSocket#address() address} to reach the peer. */
    LinkSideSocket socket() {
        return socket;
    }

    /** Sends what the peer sent to {@code client}, from this socket; a capture shows it as peer to client. */
    Outlet toClient(InetSocketAddress client) {
        return Outlet.of(datagram -> socket.send(new DatagramPacket(datagram, client)), peer, client);
    }
}
