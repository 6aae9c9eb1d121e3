package io.netharness.benchmarks.halfclose;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** The 8 MiB every half-close case transfers, and the SHA-256 digest a receiver checks it by. */
public final class Payload {

    public static final int BYTES = 8 * 1024 * 1024;
    /** A slow reader takes this long per MiB (it paces the reader; it waits for nothing). */
    static final long SLOW_MILLIS_PER_MIB = 20;

    private static final byte[] DATA = generate();
    private static final Digest EXPECTED = new Digest(BYTES, sha256(DATA, DATA.length));

    /** What a receiver got: how many bytes and their SHA-256. */
    public record Digest(long bytes, String sha256) {
        @Override
        public String toString() {
            return bytes + " bytes, sha256 " + sha256;
        }
    }

    private Payload() {
    }

    public static byte[] bytes() {
        return DATA;
    }

    public static Digest expected() {
        return EXPECTED;
    }

    /** Reads {@code in} to its end; a slow reader pauses {@value #SLOW_MILLIS_PER_MIB} ms after every MiB. */
    public static Digest digestOf(InputStream in, boolean slow) throws IOException, InterruptedException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        long nextPause = 1 << 20;
        for (int n; (n = in.read(buffer)) != -1; ) {
            digest.update(buffer, 0, n);
            total += n;
            if (slow && total >= nextPause) {
                nextPause += 1 << 20;
                TimeUnit.MILLISECONDS.sleep(SLOW_MILLIS_PER_MIB);
            }
        }
        return new Digest(total, HexFormat.of().formatHex(digest.digest()));
    }

    private static byte[] generate() {
        byte[] data = new byte[BYTES];
        new SplittableRandom(8_388_608L).nextBytes(data);
        return data;
    }

    private static String sha256(byte[] data, int length) {
        MessageDigest digest = newDigest();
        digest.update(data, 0, length);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
