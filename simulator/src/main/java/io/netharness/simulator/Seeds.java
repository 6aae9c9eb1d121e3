package io.netharness.simulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Seeds and seeded generators: the only source of randomness in the simulator.
 *
 * <p>A link has one seed (given, or drawn once by {@link #random()} and reported). Each independent stream of
 * decisions (a direction, a TCP connection's direction, a multicast receiver) gets its own seed from
 * {@link #derive(long, String)}, so adding a stream never shifts the decisions of another. Generators are
 * {@link SplittableRandom}, whose algorithm (SplitMix64) is specified by the JDK and does not change between
 * releases: the same seed gives the same decisions on every JDK.
 */
public final class Seeds {

    private static final SecureRandom SEED_SOURCE = new SecureRandom();

    private Seeds() {
    }

    /** A fresh seed from {@link SecureRandom}, for links that were not given one. */
    public static long random() {
        return SEED_SOURCE.nextLong();
    }

    /**
     * The seed of a named stream of a seeded link: {@code mix64(seed ^ fnv1a64(utf8(stream)))}, where mix64 is
     * SplitMix64's output function (Steele, Lea and Flood 2014). Stable across releases and JDKs.
     *
     * @param seed   the link's seed
     * @param stream a name for the stream, e.g. {@code "udp/upstream"}
     */
    public static long derive(long seed, String stream) {
        long hash = 0xcbf29ce484222325L; // FNV-1a 64-bit offset basis
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L; // FNV-1a 64-bit prime
        }
        return mix64(seed ^ hash);
    }

    /** A generator for the given seed; same seed, same sequence, on every JDK. */
    public static RandomGenerator generator(long seed) {
        return new SplittableRandom(seed);
    }

    /** A generator for a named stream of a seeded link: {@code generator(derive(seed, stream))}. */
    public static RandomGenerator generator(long seed, String stream) {
        return generator(derive(seed, stream));
    }

    /** SplitMix64's finaliser: a bijective mix in which every input bit affects every output bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Renders a seed the way reports print it, so it can be pasted back into {@code .seed(...)}. */
    public static String format(long seed) {
        return "0x" + Long.toHexString(seed) + "L";
    }
}
