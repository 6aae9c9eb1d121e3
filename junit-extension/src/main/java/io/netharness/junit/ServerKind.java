package io.netharness.junit;

/** What an {@link InProcessServer @InProcessServer} does with what it receives. */
public enum ServerKind {
    /** TCP: writes every byte it reads back to the same connection; records what it received. */
    ECHO,
    /** TCP: reads and discards everything; records what it received. */
    SINK,
    /** TCP: a multi-client server whose connections are served by the user's protocol handlers. */
    HANDLER
}
