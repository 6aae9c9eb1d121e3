package io.netharness.simulator.internal.pcap;

/** RFC 1071 one's-complement checksum, accumulated over several byte ranges (pseudo-header, header, data). */
final class InternetChecksum {

    private long sum;
    private boolean odd; // a byte is pending from the previous range
    private int pendingHigh;

    InternetChecksum add(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = data[i] & 0xff;
            if (odd) {
                sum += (pendingHigh << 8) | b;
            } else {
                pendingHigh = b;
            }
            odd = !odd;
        }
        return this;
    }

    InternetChecksum add(byte[] data) {
        return add(data, 0, data.length);
    }

    /** The checksum field value; 0xffff stands for a computed zero where zero means "no checksum" (UDP). */
    int finish() {
        long s = sum + (odd ? pendingHigh << 8 : 0);
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        int result = (int) (~s & 0xffff);
        return result;
    }
}
