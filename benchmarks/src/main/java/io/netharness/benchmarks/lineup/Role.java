package io.netharness.benchmarks.lineup;

/** What a contender stands for in the comparisons: ratios divide by direct, by NetCrusher and by the best floor. */
public enum Role {
    /** The client talks to the endpoint itself. */
    DIRECT,
    /** A minimal relay in C: the least any relay costs on this machine. */
    FLOOR,
    /** NetCrusher 0.10, the peer NetHarness is compared with. */
    NETCRUSHER,
    /** NetHarness, the product measured. */
    NETHARNESS
}
