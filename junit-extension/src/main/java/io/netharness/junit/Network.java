package io.netharness.junit;

import io.netharness.simulator.SimulatedLink;
import java.util.List;

/**
 * The links a test can see (its own and those of its class), by name, to change the network while the test runs:
 * cut links, isolate a server, heal everything. Injected as a test or {@code @BeforeEach} parameter; a link's name
 * is its {@link io.netharness.junit.SimulatedLink#name() name}, else its field name, else (a parameter) its method
 * and position such as {@code test[1]}.
 *
 * <pre>{@code
 * @Test
 * void survivesLosingTheDatabase(Network network,
 *         @SimulatedLink(name = "toDb", targetServer = "db") TcpLink toDb) {
 *     try (Outage outage = network.isolate("db")) {   // every link to the server "db" is cut
 *         ...
 *     }                                               // and healed again
 *     network.cut("toDb");                            // one link by its name
 *     network.heal();                                 // every cut link of the test comes back
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
     * @return the outage, to heal just these links
     * @throws IllegalArgumentException if a name is unknown; then nothing is cut
     */
    Outage cut(String... linkNames);

    /**
     * Partitions the named {@link InProcessServer @InProcessServer}s off the network: cuts every link that leads
     * to any of them.
     *
     * @return the outage, to heal just these links
     * @throws IllegalArgumentException if no visible link leads to one of the servers; then nothing is cut
     */
    Outage isolate(String... serverNames);

    /** Heals every cut link visible to the test. */
    void heal();
}
