package io.netharness.simulator.topology;

import io.netharness.simulator.CutMode;
import io.netharness.simulator.InProcessLink;
import io.netharness.simulator.Link;
import io.netharness.simulator.MulticastLink;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.UdpLink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Named nodes and the {@link Link}s between them, cut and healed in groups: isolate one node, split the cluster
 * in two (split brain), heal. Works with any link through {@link Link#heal()} and {@link InProcessLink#cut(CutMode)}
 * ({@link TcpLink}, {@link UdpLink}, {@link MulticastLink}); a link that is not an {@link InProcessLink} (a proxy
 * on a real Toxiproxy) is cut with its own {@link Link#cut()}, which closes its connections whatever the mode.
 * The JUnit extension's {@code Network} applies its outages through a {@code Topology} of the test's links.
 *
 * <pre>{@code
 * Topology network = new Topology()
 *         .link("app", "db-1", linkToDb1)
 *         .link("app", "db-2", linkToDb2)
 *         .link("db-1", "db-2", replication);
 * network.isolate("db-2");                              // db-2 unreachable from everyone
 * network.split(Set.of("app", "db-1"), Set.of("db-2")); // the same, written as groups
 * network.heal();
 * }</pre>
 *
 * <p>A link joins two nodes and is cut in both directions when a partition separates them. Applying a
 * partition replaces the previous one: links it no longer separates are healed. The network heals only links
 * it cut itself; a link a test cut directly stays cut. The network does not own the links: closing them is
 * the caller's job. Thread-safe.
 */
public final class Topology {

    private record Edge(String a, String b, Link link) {
    }

    private final List<Edge> edges = new ArrayList<>();
    private final Set<String> nodes = new LinkedHashSet<>();
    private final Map<Link, Boolean> cutByUs = new LinkedHashMap<>();
    private Partition partition;

    /** Declares a node with no links yet (so partitions may name it). */
    public synchronized Topology node(String name) {
        nodes.add(requireName(name));
        return this;
    }

    /** Registers {@code link} as joining nodes {@code a} and {@code b} (declared if new). */
    public synchronized Topology link(String a, String b, Link link) {
        requireName(a);
        requireName(b);
        Objects.requireNonNull(link, "link");
        if (a.equals(b)) {
            throw new IllegalArgumentException("link: " + a + " -> " + b + " (expected: two different nodes)");
        }
        nodes.add(a);
        nodes.add(b);
        edges.add(new Edge(a, b, link));
        if (partition != null && partition.separates(a, b)) {
            cut(link, CutMode.KEEP_EXISTING);
        }
        return this;
    }

    /** The declared nodes, in order of declaration. */
    public synchronized Set<String> nodes() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(nodes));
    }

    /** The links touching {@code node}. */
    public synchronized List<Link> linksOf(String node) {
        List<Link> result = new ArrayList<>();
        for (Edge edge : edges) {
            if (edge.a.equals(node) || edge.b.equals(node)) {
                result.add(edge.link);
            }
        }
        return result;
    }

    /** Cuts {@code node} off from every other node, keeping existing connections stalled. */
    public Topology isolate(String node) {
        return apply(Partition.isolate(node), CutMode.KEEP_EXISTING);
    }

    /** Cuts the groups off from each other, keeping existing connections stalled. */
    @SafeVarargs
    public final Topology split(Set<String>... groups) {
        return apply(Partition.split(groups), CutMode.KEEP_EXISTING);
    }

    /**
     * Makes {@code newPartition} the network's state: cuts (with {@code mode}) every link whose nodes it
     * separates and heals every link this network had cut that it no longer separates.
     *
     * @throws IllegalArgumentException naming a node the network does not know
     */
    public synchronized Topology apply(Partition newPartition, CutMode mode) {
        Objects.requireNonNull(newPartition, "partition");
        Objects.requireNonNull(mode, "mode");
        for (String node : newPartition.nodes()) {
            if (!nodes.contains(node)) {
                throw new IllegalArgumentException("node: '" + node + "' (expected: one of " + nodes + ")");
            }
        }
        for (Edge edge : edges) {
            boolean separated = newPartition.separates(edge.a, edge.b);
            if (separated) {
                cut(edge.link, mode);
            } else if (cutByUs.remove(edge.link) != null) {
                edge.link.heal();
            }
        }
        partition = newPartition;
        return this;
    }

    /** Heals every link this network cut; the partition is gone. */
    public synchronized Topology heal() {
        for (Link link : cutByUs.keySet()) {
            link.heal();
        }
        cutByUs.clear();
        partition = null;
        return this;
    }

    /** The partition in force, if any. */
    public synchronized Optional<Partition> partition() {
        return Optional.ofNullable(partition);
    }

    /** True if no partition in force separates {@code a} from {@code b}. */
    public synchronized boolean canReach(String a, String b) {
        return partition == null || !partition.separates(a, b);
    }

    /** The links this network has cut and not healed, in the order it cut them. */
    public synchronized List<Link> cutLinks() {
        return List.copyOf(cutByUs.keySet());
    }

    private void cut(Link link, CutMode mode) {
        if (cutByUs.containsKey(link)) {
            if (mode == CutMode.DROP_EXISTING && link instanceof InProcessLink inProcess) {
                inProcess.cut(mode); // harden an earlier keep-existing cut
            }
            return;
        }
        if (!link.isCut()) {
            if (link instanceof InProcessLink inProcess) {
                inProcess.cut(mode);
            } else {
                link.cut(); // a real Toxiproxy's proxy has one way down, which closes its connections
            }
            cutByUs.put(link, Boolean.TRUE);
        }
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "node");
        if (name.isBlank()) {
            throw new IllegalArgumentException("node: '" + name + "' (expected: a non-blank name)");
        }
        return name;
    }

    @Override
    public synchronized String toString() {
        return "Topology{nodes " + nodes + ", " + edges.size() + " links, "
                + (partition == null ? "healed" : partition.toString()) + "}";
    }
}
