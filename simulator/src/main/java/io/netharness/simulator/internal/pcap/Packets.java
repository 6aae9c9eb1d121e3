package io.netharness.simulator.internal.pcap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Synthesises raw IP packets (no link layer, pcap LINKTYPE_RAW) around UDP datagrams and TCP segments, with
 * correct lengths and checksums. IPv4 when both ends are IPv4; otherwise IPv6, an IPv4 end written as its
 * IPv4-mapped IPv6 address. Thread-safe.
 */
final class Packets {

    static final int PROTOCOL_TCP = 6;
    static final int PROTOCOL_UDP = 17;
    static final int UDP_HEADER = 8;
    static final int TCP_HEADER = 20;
    static final int IPV4_HEADER = 20;
    static final int IPV6_HEADER = 40;

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    private final AtomicInteger identification = new AtomicInteger();

    /** An IP+UDP packet carrying {@code length} bytes of {@code payload} from {@code offset}. */
    byte[] udp(InetSocketAddress source, InetSocketAddress destination, byte[] payload, int offset, int length) {
        ByteBuffer udp = ByteBuffer.allocate(UDP_HEADER + length);
        udp.putShort((short) source.getPort()).putShort((short) destination.getPort())
                .putShort((short) (UDP_HEADER + length)).putShort((short) 0).put(payload, offset, length);
        byte[] segment = udp.array();
        int checksum = transportChecksum(source.getAddress(), destination.getAddress(), PROTOCOL_UDP, segment);
        putShort(segment, 6, checksum == 0 ? 0xffff : checksum); // 0 would mean "no checksum" in UDP
        return ip(source.getAddress(), destination.getAddress(), PROTOCOL_UDP, segment);
    }

    /** An IP+TCP packet (20-byte header without options, window 65535). */
    byte[] tcp(InetSocketAddress source, InetSocketAddress destination, long seq, long ack, int flags,
            byte[] payload, int offset, int length) {
        ByteBuffer tcp = ByteBuffer.allocate(TCP_HEADER + length);
        tcp.putShort((short) source.getPort()).putShort((short) destination.getPort())
                .putInt((int) seq).putInt((flags & ACK) != 0 ? (int) ack : 0)
                .put((byte) (5 << 4)).put((byte) flags).putShort((short) 0xffff)
                .putShort((short) 0).putShort((short) 0).put(payload, offset, length);
        byte[] segment = tcp.array();
        putShort(segment, 16, transportChecksum(source.getAddress(), destination.getAddress(), PROTOCOL_TCP, segment));
        return ip(source.getAddress(), destination.getAddress(), PROTOCOL_TCP, segment);
    }

    private byte[] ip(InetAddress source, InetAddress destination, int protocol, byte[] segment) {
        if (bothIpv4(source, destination)) {
            ByteBuffer packet = ByteBuffer.allocate(IPV4_HEADER + segment.length);
            packet.put((byte) 0x45).put((byte) 0).putShort((short) (IPV4_HEADER + segment.length))
                    .putShort((short) identification.getAndIncrement()).putShort((short) 0x4000) // don't fragment
                    .put((byte) 64).put((byte) protocol).putShort((short) 0)
                    .put(source.getAddress()).put(destination.getAddress()).put(segment);
            byte[] bytes = packet.array();
            putShort(bytes, 10, new InternetChecksum().add(bytes, 0, IPV4_HEADER).finish());
            return bytes;
        }
        ByteBuffer packet = ByteBuffer.allocate(IPV6_HEADER + segment.length);
        packet.putInt(0x6000_0000).putShort((short) segment.length).put((byte) protocol).put((byte) 64)
                .put(ipv6(source)).put(ipv6(destination)).put(segment);
        return packet.array();
    }

    private static int transportChecksum(InetAddress source, InetAddress destination, int protocol, byte[] segment) {
        ByteBuffer pseudo;
        if (bothIpv4(source, destination)) {
            pseudo = ByteBuffer.allocate(12).put(source.getAddress()).put(destination.getAddress())
                    .put((byte) 0).put((byte) protocol).putShort((short) segment.length);
        } else {
            pseudo = ByteBuffer.allocate(40).put(ipv6(source)).put(ipv6(destination)).putInt(segment.length)
                    .put(new byte[3]).put((byte) protocol);
        }
        return new InternetChecksum().add(pseudo.array()).add(segment).finish();
    }

    private static boolean bothIpv4(InetAddress a, InetAddress b) {
        return a instanceof Inet4Address && b instanceof Inet4Address;
    }

    private static byte[] ipv6(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    private static void putShort(byte[] bytes, int index, int value) {
        bytes[index] = (byte) (value >>> 8);
        bytes[index + 1] = (byte) value;
    }
}
