package io.netharness.junit.internal;

import java.net.InetSocketAddress;

/**
 * Where a link leads, as written in the annotation; resolved to an address when the link is built. Each kind
 * remembers the attribute it was written in ({@code targetServer} or {@code @LinkTarget(server)}) for
 * messages.
 */
sealed interface TargetSpec {

    /** The attribute that gave the target. */
    String attribute();

    /** A fixed address from {@code target = "host:port"}. */
    record Fixed(String attribute, InetSocketAddress address) implements TargetSpec {}

    /** An in-process server of the test, by name. */
    record Server(String attribute, String name) implements TargetSpec {}

    /** A method of the test class that returns the target. */
    record Method(String attribute, String name) implements TargetSpec {}

    /** A configuration parameter or system property that holds the target. */
    record Property(String attribute, String name) implements TargetSpec {}
}
