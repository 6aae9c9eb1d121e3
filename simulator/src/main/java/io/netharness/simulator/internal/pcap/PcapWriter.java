package io.netharness.simulator.internal.pcap;

import io.netharness.simulator.Direction;
import io.netty.buffer.ByteBuf;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Records what crossed a link as a classic pcap file (nanosecond-resolution variant, magic {@code a1b23c4d},
 * little-endian, LINKTYPE_RAW: every record is a bare IPv4 or IPv6 packet) that {@code tshark -r} and
 * Wireshark open. UDP datagrams and TCP segments get synthesised headers with correct lengths and checksums;
 * TCP flows ({@link #tcpFlow}) start with a synthetic three-way handshake and keep seq/ack consistent.
 *
 * <p>Thread-safe (every write is synchronized). Timestamps come from an injected clock of epoch nanoseconds.
 * Capture must never break the link, so an I/O failure stops the capture and is thrown by {@link #close()}.
 */
public final class PcapWriter implements AutoCloseable {

    private static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    private static final int LINKTYPE_RAW = 101;
    private static final int SNAPLEN = 262_144;

    private final Path file;
    private final OutputStream out;
    private final LongSupplier epochNanos;
    private final Packets packets = new Packets();
    private final ByteBuffer recordHeader = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private long written;
    private IOException failure;
    private boolean closed;

    private PcapWriter(Path file, OutputStream out, LongSupplier epochNanos) {
        this.file = file;
        this.out = out;
        this.epochNanos = epochNanos;
    }

    /** Creates (or replaces) {@code file}, timestamping packets with the wall clock at nanosecond resolution. */
    public static PcapWriter open(Path file) throws IOException {
        return open(file, wallClockNanos());
    }

    /** Creates (or replaces) {@code file}, timestamping packets with {@code epochNanos}. */
    public static PcapWriter open(Path file, LongSupplier epochNanos) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_NANOSECONDS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(SNAPLEN).putInt(LINKTYPE_RAW);
        try {
            out.write(header.array());
        } catch (IOException e) {
            out.close();
            throw e;
        }
        return new PcapWriter(file, out, epochNanos);
    }

    /** Epoch nanoseconds from one wall-clock reading plus the monotonic clock, so timestamps never go back. */
    public static LongSupplier wallClockNanos() {
        Instant anchor = Instant.now();
        long anchorEpochNanos = anchor.getEpochSecond() * 1_000_000_000L + anchor.getNano();
        long anchorTicks = System.nanoTime();
        return () -> anchorEpochNanos + (System.nanoTime() - anchorTicks);
    }

    /** Records a UDP datagram; the buffer's indexes are not changed. */
    public void udp(InetSocketAddress source, InetSocketAddress destination, ByteBuf payload) {
        byte[] bytes = new byte[payload.readableBytes()];
        payload.getBytes(payload.readerIndex(), bytes);
        udp(source, destination, bytes);
    }

    /** Records a UDP datagram. */
    public void udp(InetSocketAddress source, InetSocketAddress destination, byte[] payload) {
        int length = Math.min(payload.length, 65_535 - Packets.IPV6_HEADER - Packets.UDP_HEADER);
        writePacket(packets.udp(source, destination, payload, 0, length));
    }

    /** Starts a TCP flow and records its synthetic handshake (SYN, SYN-ACK, ACK). */
    public TcpFlow tcpFlow(InetSocketAddress client, InetSocketAddress server) {
        return new TcpFlow(this, client, server);
    }

    Packets packets() {
        return packets;
    }

    synchronized void writePacket(byte[] packet) {
        if (closed || failure != null) {
            return;
        }
        long now = epochNanos.getAsLong();
        recordHeader.clear();
        recordHeader.putInt((int) (now / 1_000_000_000L)).putInt((int) (now % 1_000_000_000L))
                .putInt(packet.length).putInt(packet.length);
        try {
            out.write(recordHeader.array());
            out.write(packet);
            written++;
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Packets written so far. */
    public synchronized long packetsWritten() {
        return written;
    }

    /** Pushes buffered packets to the file. */
    public synchronized void flush() {
        if (closed || failure != null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    public Path file() {
        return file;
    }

    /** Flushes and closes the file; idempotent. Throws the first write failure, if any. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("capture to " + file + " failed", failure);
        }
    }

    /** The direction-to-endpoint mapping used by links: upstream goes client to server. */
    static boolean fromClient(Direction direction) {
        return direction == Direction.UPSTREAM;
    }
}
