package io.netharness.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Named nodes and the {@link InProcessLink}s between them, cut and healed in groups: isolate one node, split
 * the cluster in two (split brain), heal. Works with any link ({@link TcpLink}, {@link UdpLink},
 * {@link MulticastLink}) through {@link InProcessLink#cut(CutMode)} and {@link InProcessLink#heal()} only.
 *
 * <pre>{@code
 * Network network = new Network()
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
public final class Network {

    private record Edge(String a, String b, InProcessLink link) {
    }

    private final List<Edge> edges = new ArrayList<>();
    private final Set<String> nodes = new LinkedHashSet<>();
    private final Map<InProcessLink, Boolean> cutByUs = new IdentityHashMap<>();
    private Partition partition;

    /** Declares a node with no links yet (so partitions may name it). */
    public synchronized Network node(String name) {
        nodes.add(requireName(name));
        return this;
    }

    /** Registers {@code link} as joining nodes {@code a} and {@code b} (declared if new). */
    public synchronized Network link(String a, String b, InProcessLink link) {
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
    public synchronized List<InProcessLink> linksOf(String node) {
        List<InProcessLink> result = new ArrayList<>();
        for (Edge edge : edges) {
            if (edge.a.equals(node) || edge.b.equals(node)) {
                result.add(edge.link);
            }
        }
        return result;
    }

    /** Cuts {@code node} off from every other node, keeping existing connections stalled. */
    public Network isolate(String node) {
        return apply(Partition.isolate(node), CutMode.KEEP_EXISTING);
    }

    /** Cuts the groups off from each other, keeping existing connections stalled. */
    @SafeVarargs
    public final Network split(Set<String>... groups) {
        return apply(Partition.split(groups), CutMode.KEEP_EXISTING);
    }

    /**
     * Makes {@code newPartition} the network's state: cuts (with {@code mode}) every link whose nodes it
     * separates and heals every link this network had cut that it no longer separates.
     *
     * @throws IllegalArgumentException naming a node the network does not know
     */
    public synchronized Network apply(Partition newPartition, CutMode mode) {
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
    public synchronized Network heal() {
        for (InProcessLink link : cutByUs.keySet()) {
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

    private void cut(InProcessLink link, CutMode mode) {
        if (cutByUs.containsKey(link)) {
            if (mode == CutMode.DROP_EXISTING) {
                link.cut(mode); // harden an earlier keep-existing cut
            }
            return;
        }
        if (!link.isCut()) {
            link.cut(mode);
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
        return "Network{nodes " + nodes + ", " + edges.size() + " links, "
                + (partition == null ? "healed" : partition.toString()) + "}";
    }
}
