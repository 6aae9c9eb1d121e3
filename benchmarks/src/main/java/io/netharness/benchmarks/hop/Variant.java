package io.netharness.benchmarks.hop;

/** What sits between the load generator and the endpoint in one measurement. */
public enum Variant {
    /** No proxy: the client talks to the endpoint over loopback. The baseline every ratio divides by. */
    DIRECT,
    /** NetCrusher 0.10 in this JVM: the peer we are compared with. */
    NETCRUSHER,
    /** A NetHarness simulated link in this JVM. */
    NETHARNESS
}
