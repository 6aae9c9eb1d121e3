package io.netharness.benchmarks.halfclose;

/** Which side half-closes first. */
public enum Order {
    /** The client sends a request and half-closes, then reads an 8 MiB reply. */
    CLIENT_FIRST,
    /** The server greets and half-closes, then the client uploads 8 MiB and half-closes. */
    SERVER_FIRST
}
