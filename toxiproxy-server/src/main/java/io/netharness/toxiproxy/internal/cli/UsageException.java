package io.netharness.toxiproxy.internal.cli;

/** A command line that cannot be run; the message names the flag, the value and what was expected. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
