package io.netharness.it.support;

import io.netharness.simulator.TcpLink;
import java.net.InetSocketAddress;
import org.testcontainers.containers.GenericContainer;

/**
 * Puts a {@link TcpLink} in front of a started container's mapped port: the programmatic form, for tests that
 * manage their containers with Testcontainers' own {@code @Container} lifecycle.
 */
public final class ContainerLinks {

    private ContainerLinks() {}

    /** A link builder targeting where {@code containerPort} of the running {@code container} is published. */
    public static TcpLink.Builder to(GenericContainer<?> container, int containerPort) {
        if (!container.isRunning()) {
            throw new IllegalStateException("container " + container.getDockerImageName()
                    + " is not running: start it (or let @Container start it) before linking to port " + containerPort);
        }
        return TcpLink.builder().target(new InetSocketAddress(container.getHost(), container.getMappedPort(containerPort)));
    }
}
