package io.netharness.junit.internal;

import io.netharness.junit.Network;
import io.netharness.junit.Outage;
import io.netharness.simulator.CutMode;
import io.netharness.simulator.Link;
import io.netharness.simulator.topology.Partition;
import io.netharness.simulator.topology.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The {@link Network} of one test: a live view of the registries visible from its context. */
final class NetworkView implements Network {

    private final ExtensionContext context;

    public NetworkView(ExtensionContext context) {
        this.context = context;
    }

    private List<ManagedLink> managed() {
        List<ManagedLink> links = new ArrayList<>();
        List<Registry> registries = new ArrayList<>(Scopes.visibleRegistries(context));
        Collections.reverse(registries); // outermost (class) first
        registries.forEach(registry -> links.addAll(registry.links()));
        return links;
    }

    @Override
    public Link link(String name) {
        List<ManagedLink> links = managed();
        // Innermost wins, as a parameter named like a static field shadows it.
        for (int i = links.size() - 1; i >= 0; i--) {
            if (links.get(i).name().equals(name)) {
                return links.get(i).link();
            }
        }
        throw new IllegalArgumentException("no link named \"" + name + "\" ("
                + (links.isEmpty() ? "the test sees no links" : "links: " + names(links)) + ")");
    }

    @Override
    public List<Link> links() {
        return managed().stream().map(ManagedLink::link).toList();
    }

    @Override
    public Outage cut(String... linkNames) {
        List<Link> toCut = new ArrayList<>();
        for (String name : linkNames) {
            toCut.add(link(name));
        }
        toCut.forEach(Link::cut);
        return Outage.of(toCut);
    }

    @Override
    public Outage isolate(String... serverNames) {
        List<ManagedLink> links = managed();
        for (String serverName : serverNames) {
            if (links.stream().noneMatch(link -> link.targetServer().filter(serverName::equals).isPresent())) {
                throw new IllegalArgumentException("no link leads to a server named \"" + serverName + "\" ("
                        + serversDescription(links) + ")");
            }
        }
        List<Set<String>> alone = new ArrayList<>();
        for (String serverName : new LinkedHashSet<>(Arrays.asList(serverNames))) {
            alone.add(Set.of(serverName));
        }
        return apply(links, new Partition(alone));
    }

    @Override
    @SafeVarargs
    public final Outage split(Set<String>... groups) {
        return apply(managed(), Partition.split(groups));
    }

    /** Applies {@code partition} to a topology of {@code links}; existing connections stay, as with a cut. */
    private static Outage apply(List<ManagedLink> links, Partition partition) {
        Topology topology = new Topology().node(TEST);
        for (ManagedLink link : links) {
            topology.link(TEST, link.targetServer().orElse(link.name()), link.link());
        }
        topology.apply(partition, CutMode.KEEP_EXISTING);
        return Outage.of(topology.cutLinks());
    }

    @Override
    public void heal() {
        managed().forEach(link -> link.link().heal());
    }

    private static String names(List<ManagedLink> links) {
        return quoted(links.stream().map(ManagedLink::name).toList());
    }

    /** Which servers links lead to by name, and which servers exist, so the message never lists nothing. */
    private String serversDescription(List<ManagedLink> links) {
        List<String> targets = links.stream().flatMap(link -> link.targetServer().stream()).toList();
        List<String> servers = new ArrayList<>();
        Scopes.visibleRegistries(context).forEach(registry -> servers.addAll(registry.serverNames()));
        return (targets.isEmpty() ? "no link leads to an in-process server by `targetServer`"
                : "links lead to the servers " + quoted(targets))
                + "; " + (servers.isEmpty() ? "the test sees no in-process servers"
                : "in-process servers: " + quoted(servers));
    }

    private static String quoted(List<String> names) {
        return names.stream().distinct().sorted().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "Network" + managed().stream().map(link -> link.name() + "=" + link.link())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
