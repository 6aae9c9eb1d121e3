package io.netharness.junit;

import io.netharness.simulator.SimulatedLink;
import java.util.List;

/**
 * The links a test can see (its own and those of its class), by name, to change the network while the test runs:
 * cut links, isolate a server, heal everything. Injected as a test or {@code @BeforeEach} parameter; a link's name
 * is its field or parameter name.
 *
 * <pre>{@code
 * @Test
 * void survivesLosingTheDatabase(Network network, @SimulatedLink(targetServer = "db") TcpLink toDb) {
 *     network.isolate("db");     // every link to the server "db" is cut
 *     ...
 *     network.heal();            // every cut link of the test comes back
 * }
 * }</pre>
 *
 * <p>Thread-safe; what a method sees is the set of links at the time of the call. Cutting a class-scoped (static)
 * link affects every test of the class that uses it.
 */
public interface Network {

    /**
     * The link with this name.
     *
     * @throws IllegalArgumentException naming the links there are, if none has this name
     */
    SimulatedLink link(String name);

    /** Every link visible to the test, in start order (class-scoped first). */
    List<SimulatedLink> links();

    /**
     * Cuts the named links, keeping their existing connections held (as {@link SimulatedLink#cut()}).
     *
     * @throws IllegalArgumentException if a name is unknown; then nothing is cut
     */
    void cut(String... linkNames);

    /**
     * Cuts every link that leads to the {@link InProcessServer @InProcessServer} with this name.
     *
     * @return the links cut
     * @throws IllegalArgumentException if no visible link leads to that server
     */
    List<SimulatedLink> isolate(String serverName);

    /** Heals every cut link visible to the test. */
    void heal();
}
