package io.netharness.toxiproxy.internal;

/**
 * How closely the API checks what clients send. By default it checks what Toxiproxy 2.12 checks and answers as
 * Toxiproxy does, so clients and suites written against Toxiproxy see no difference; {@code serve --strict} turns
 * on NetHarness's own checks, which refuse values Toxiproxy stores silently.
 */
public enum Validation {
    /**
     * Toxiproxy's checks only: negative durations and rates, toxicity outside 0-1 and a slicer's variation above
     * its average are stored as sent (their effect is what Toxiproxy's would be: no delay, always or never, …);
     * an upstream is not checked until a connection dials it; a taken or malformed listen address is a 500 with
     * Go's message.
     */
    TOXIPROXY,
    /**
     * NetHarness's checks as well: every attribute in its range (400 naming the attribute, its value and the range),
     * the upstream in {@code host:port} form (400), a malformed listen address 400 and a taken one 409.
     */
    STRICT;

    public boolean strict() {
        return this == STRICT;
    }
}
