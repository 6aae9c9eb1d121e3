package io.netharness.simulator.internal.udp;

import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * One client of a UDP link, NAT style: its own socket towards the target, so the target's replies to that
 * socket are known to belong to this client. The same socket carries what the client sends to other upstream peers
 * through their {@link PeerSocket}s. Its outlets write to {@link PendingFlushes}, flushed by whoever ends the batch.
 * Event loop only.
 */
final class ClientSession {

    private final InetSocketAddress client;
    private final LinkSideSocket socket;
    private final Map<InetSocketAddress, Outlet> toPeers = new HashMap<>(4);
    private final Outlet toTarget;
    private final Outlet toClient;

    ClientSession(InetSocketAddress client, InetSocketAddress target, Channel front, PendingFlushes flushes) {
        this.client = client;
        this.socket = new LinkSideSocket(flushes, 0);
        this.toTarget = upstream(target);
        this.toClient = Outlet.of(datagram -> flushes.writeIfOpen(front, new DatagramPacket(datagram, client)),
                target, client);
    }

    private Outlet upstream(InetSocketAddress to) {
        return Outlet.of(datagram -> socket.send(new DatagramPacket(datagram, to)), client, to);
    }

    InetSocketAddress client() {
        return client;
    }

    /** The session's socket towards the target. */
    LinkSideSocket socket() {
        return socket;
    }

    Outlet toTarget() {
        return toTarget;
    }

    Outlet toClient() {
        return toClient;
    }

    /** Sends to {@code peer} (an upstream address other than the target) from this client's socket. */
    Outlet toPeer(InetSocketAddress peer) {
        return toPeers.computeIfAbsent(peer, this::upstream);
    }
}
