package io.netharness.simulator.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A network partition as a value: disjoint groups of node names; every node not named belongs to one more,
 * implicit group, "the rest". Two nodes can talk if and only if they are in the same group. Applied by a
 * {@link Topology}, which cuts every link between nodes of different groups.
 *
 * <pre>{@code
 * Partition.isolate("db-2");                                   // db-2 alone, everyone else together
 * Partition.split(Set.of("a", "b"), Set.of("c", "d", "e"));    // split brain
 * }</pre>
 *
 * @param groups the named groups, disjoint and non-empty
 */
public record Partition(List<Set<String>> groups) {

    /** Validates and copies the groups. */
    public Partition {
        Objects.requireNonNull(groups, "groups");
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("groups: [] (expected: at least one group of node names)");
        }
        Set<String> seen = new HashSet<>();
        List<Set<String>> copy = new ArrayList<>(groups.size());
        for (Set<String> group : groups) {
            Objects.requireNonNull(group, "group");
            if (group.isEmpty()) {
                throw new IllegalArgumentException("groups: " + groups + " (expected: no empty group)");
            }
            for (String node : group) {
                Objects.requireNonNull(node, "node");
                if (!seen.add(node)) {
                    throw new IllegalArgumentException("groups: " + groups + " (expected: disjoint groups, but '"
                            + node + "' is in more than one)");
                }
            }
            copy.add(Collections.unmodifiableSortedSet(new TreeSet<>(group))); // sorted: stable toString
        }
        groups = List.copyOf(copy);
    }

    /** {@code node} cut off from every other node. */
    public static Partition isolate(String node) {
        return new Partition(List.of(Set.of(Objects.requireNonNull(node, "node"))));
    }

    /** The given groups cut off from each other (and from any node not named). */
    @SafeVarargs
    public static Partition split(Set<String>... groups) {
        return new Partition(Arrays.asList(groups));
    }

    /** Every node named in a group. */
    public Set<String> nodes() {
        Set<String> all = new LinkedHashSet<>();
        groups.forEach(all::addAll);
        return all;
    }

    /** True if {@code a} and {@code b} are in different groups (the rest counting as one group). */
    public boolean separates(String a, String b) {
        return groupOf(a) != groupOf(b);
    }

    private int groupOf(String node) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).contains(node)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Partition" + groups + (groups.size() == 1 ? " | rest" : "");
    }
}
