package io.netharness.simulator.internal.pcap;

import io.netharness.simulator.Direction;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * One synthetic TCP connection in a {@link PcapWriter} capture. Created with its three-way handshake
 * recorded; then {@link #data} records the bytes that crossed in a direction as PSH/ACK segments (split
 * where an IP packet would overflow), {@link #fin} and {@link #reset} the ends. Sequence and acknowledgement
 * numbers follow the bytes recorded, so Wireshark's TCP analysis and stream reassembly work. Initial sequence
 * numbers are derived from the ports, so a capture of the same run is the same. Thread-safe.
 */
public final class TcpFlow {

    private static final int MAX_SEGMENT_PAYLOAD = 65_000;

    private final PcapWriter writer;
    private final InetSocketAddress client;
    private final InetSocketAddress server;
    private long clientNext;
    private long serverNext;
    private boolean clientFin;
    private boolean serverFin;
    private boolean reset;

    TcpFlow(PcapWriter writer, InetSocketAddress client, InetSocketAddress server) {
        this.writer = writer;
        this.client = client;
        this.server = server;
        long clientIsn = (client.getPort() * 2_654_435_761L) & 0xffff_ffffL;
        long serverIsn = (server.getPort() * 2_246_822_519L + 0x5eed) & 0xffff_ffffL;
        segment(true, clientIsn, 0, Packets.SYN, new byte[0], 0, 0);
        segment(false, serverIsn, clientIsn + 1, Packets.SYN | Packets.ACK, new byte[0], 0, 0);
        clientNext = clientIsn + 1;
        serverNext = serverIsn + 1;
        segment(true, clientNext, serverNext, Packets.ACK, new byte[0], 0, 0);
    }

    /** Records bytes sent in a direction (upstream = client to server); the buffer's indexes are not changed. */
    public void data(Direction direction, ByteBuf payload) {
        byte[] bytes = new byte[payload.readableBytes()];
        payload.getBytes(payload.readerIndex(), bytes);
        data(direction, bytes);
    }

    /** Records bytes sent in a direction (upstream = client to server). */
    public synchronized void data(Direction direction, byte[] payload) {
        boolean fromClient = PcapWriter.fromClient(direction);
        for (int offset = 0; offset < payload.length && !reset; offset += MAX_SEGMENT_PAYLOAD) {
            int length = Math.min(MAX_SEGMENT_PAYLOAD, payload.length - offset);
            segment(fromClient, next(fromClient), next(!fromClient), Packets.PSH | Packets.ACK, payload, offset,
                    length);
            advance(fromClient, length);
        }
    }

    /** Records an orderly close (FIN) by one side; once both sides closed, the final ACK too. */
    public synchronized void fin(Direction direction) {
        boolean fromClient = PcapWriter.fromClient(direction);
        if (reset || (fromClient ? clientFin : serverFin)) {
            return;
        }
        segment(fromClient, next(fromClient), next(!fromClient), Packets.FIN | Packets.ACK, new byte[0], 0, 0);
        advance(fromClient, 1);
        if (fromClient) {
            clientFin = true;
        } else {
            serverFin = true;
        }
        if (clientFin && serverFin) {
            segment(!fromClient, next(!fromClient), next(fromClient), Packets.ACK, new byte[0], 0, 0);
        }
    }

    /** Records an abortive close (RST) sent by one side. */
    public synchronized void reset(Direction direction) {
        if (reset) {
            return;
        }
        boolean fromClient = PcapWriter.fromClient(direction);
        segment(fromClient, next(fromClient), next(!fromClient), Packets.RST | Packets.ACK, new byte[0], 0, 0);
        reset = true;
    }

    private long next(boolean fromClient) {
        return fromClient ? clientNext : serverNext;
    }

    private void advance(boolean fromClient, long bytes) {
        if (fromClient) {
            clientNext = (clientNext + bytes) & 0xffff_ffffL;
        } else {
            serverNext = (serverNext + bytes) & 0xffff_ffffL;
        }
    }

    private void segment(boolean fromClient, long seq, long ack, int flags, byte[] payload, int offset, int length) {
        InetSocketAddress source = fromClient ? client : server;
        InetSocketAddress destination = fromClient ? server : client;
        writer.writePacket(writer.packets().tcp(source, destination, seq, ack, flags, payload, offset, length));
    }
}
