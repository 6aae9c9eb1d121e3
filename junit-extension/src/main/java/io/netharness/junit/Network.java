package io.netharness.junit;

import io.netharness.simulator.Link;
import java.util.List;
import java.util.Set;

/**
 * The links a test can see (its own and those of its class), by name, to change the network while the test runs:
 * cut links, isolate a server, split the network into groups, heal everything. Injected as a test or {@code @BeforeEach} parameter; a link's name
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
 * <p>Outages are partitions of the simulator's partition model ({@link io.netharness.simulator.topology.Partition},
 * applied by a {@link io.netharness.simulator.topology.Topology}): every link joins the test ({@link #TEST}) and
 * the in-process server it leads to ({@code targetServer}), or, when it leads to no in-process server, a node
 * named after the link itself.
 *
 * <p>Thread-safe; what a method sees is the set of links at the time of the call. Cutting a class-scoped (static)
 * link affects every test of the class that uses it.
 */
public interface Network {

    /** The node every link starts from: the test and the code under test, the client side. */
    String TEST = "the test";

    /**
     * The link with this name.
     *
     * @throws IllegalArgumentException naming the links there are, if none has this name
     */
    Link link(String name);

    /** Every link visible to the test, in start order (class-scoped first). */
    List<Link> links();

    /**
     * Cuts the named links, keeping their existing connections held (as {@link Link#cut()}).
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

    /**
     * Splits the network into groups that cannot reach each other; every node not named is in one more group,
     * "the rest". Nodes are {@link #TEST}, server names and the names of links that lead to no in-process server.
     * {@code split(Set.of(Network.TEST, "db-1"), Set.of("db-2"))} keeps the test talking to {@code db-1} and cuts
     * every link to {@code db-2} (a split brain seen from the client's side).
     *
     * @return the outage, to heal just the links this split cut
     * @throws IllegalArgumentException naming a node that does not exist and the nodes there are; then nothing is
     *         cut
     */
    Outage split(Set<String>... groups);

    /** Heals every cut link visible to the test. */
    void heal();
}
