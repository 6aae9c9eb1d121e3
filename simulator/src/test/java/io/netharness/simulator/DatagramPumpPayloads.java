package io.netharness.simulator;

import java.nio.ByteBuffer;

/** Payloads for pumped datagrams: a 4-byte sequence number, padded to a size that varies with it. */
final class DatagramPumpPayloads {

    private DatagramPumpPayloads() {
    }

    /** Just the sequence number (4 bytes). */
    static byte[] sequence(int index) {
        return ByteBuffer.allocate(4).putInt(index).array();
    }

    /** The sequence number followed by {@code index % 200} filler bytes derived from it. */
    static byte[] sequenceAndFiller(int index) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + index % 200).putInt(index);
        while (buffer.hasRemaining()) {
            buffer.put((byte) (index * 31 + buffer.position()));
        }
        return buffer.array();
    }
}
