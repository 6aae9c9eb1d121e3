package io.netharness.junit;

import io.netharness.simulator.Link;
import java.util.List;

/**
 * Links cut together by {@link Network#isolate(String...)} or {@link Network#cut(String...)}; healing the outage
 * heals exactly those links. Closing it heals too, so a try-with-resources block bounds an outage.
 *
 * <pre>{@code
 * try (Outage outage = network.isolate("db")) {
 *     // every link to "db" is cut here
 * }
 * // and back up here
 * }</pre>
 */
public final class Outage implements AutoCloseable {

    private final List<Link> links;

    Outage(List<Link> links) {
        this.links = List.copyOf(links);
    }

    /** Creates an outage of links already cut; for {@link Network} implementations. */
    public static Outage of(List<Link> cutLinks) {
        return new Outage(cutLinks);
    }

    /** The links this outage cut. */
    public List<Link> links() {
        return links;
    }

    /** Heals the links of this outage (and only those); idempotent. */
    public void heal() {
        links.forEach(Link::heal);
    }

    /** Same as {@link #heal()}. */
    @Override
    public void close() {
        heal();
    }

    @Override
    public String toString() {
        return "Outage" + links;
    }
}
