package io.netharness.toxiproxy.internal;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request ids in the form Toxiproxy's {@code X-Toxiproxy-Request-Id} takes (an xid: 12 bytes of seconds, process
 * randomness and a counter, as 20 characters of lower-case base32hex), unique within the process and sortable by time.
 */
final class RequestIds {

    private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final byte[] PROCESS = new byte[5];
    private static final AtomicInteger COUNTER;

    static {
        SecureRandom random = new SecureRandom();
        random.nextBytes(PROCESS);
        COUNTER = new AtomicInteger(random.nextInt());
    }

    private RequestIds() {
    }

    static String next() {
        byte[] id = new byte[12];
        long seconds = System.currentTimeMillis() / 1000;
        id[0] = (byte) (seconds >>> 24);
        id[1] = (byte) (seconds >>> 16);
        id[2] = (byte) (seconds >>> 8);
        id[3] = (byte) seconds;
        System.arraycopy(PROCESS, 0, id, 4, 5);
        int count = COUNTER.getAndIncrement();
        id[9] = (byte) (count >>> 16);
        id[10] = (byte) (count >>> 8);
        id[11] = (byte) count;
        return base32hex(id);
    }

    /** 96 bits as 20 base32hex digits (the last one carries the final 1 bit, padded), as xid encodes them. */
    private static String base32hex(byte[] bytes) {
        StringBuilder text = new StringBuilder(20);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(DIGITS[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(DIGITS[(buffer << (5 - bits)) & 31]);
        }
        return text.toString();
    }
}
