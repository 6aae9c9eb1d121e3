package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.profile.ConnectionProfiles;
import io.netharness.simulator.profile.LinkProfile;
import java.util.Objects;

/**
 * What one direction of a TCP link applies: one profile for every connection, or a profile per connection chosen
 * by a {@link ConnectionProfiles}. Immutable; a change installs a new instance, and each connection's planner
 * notices by identity and asks it once for its own profile.
 *
 * <p>Bandwidth follows the choice: a link-wide profile's rate is one bottleneck that all connections share (flows
 * on one real link), while per-connection profiles give each connection a bottleneck of its own (Toxiproxy's
 * bandwidth toxic, which limits every connection separately).
 */
final class DirectionProfiles {

    private final LinkProfile linkWide;
    private final ConnectionProfiles perConnection;

    private DirectionProfiles(LinkProfile linkWide, ConnectionProfiles perConnection) {
        this.linkWide = linkWide;
        this.perConnection = perConnection;
    }

    static DirectionProfiles linkWide(LinkProfile profile) {
        return new DirectionProfiles(Objects.requireNonNull(profile, "profile"), null);
    }

    static DirectionProfiles perConnection(ConnectionProfiles selection) {
        return new DirectionProfiles(null, Objects.requireNonNull(selection, "selection"));
    }

    /** The profile of connection {@code index}; fails with a message naming the index if a selection gives none. */
    LinkProfile profileOf(long index) {
        if (linkWide != null) {
            return linkWide;
        }
        LinkProfile chosen = perConnection.profileOf(index);
        if (chosen == null) {
            throw new NullPointerException("ConnectionProfiles " + perConnection + " gave no profile for connection "
                    + index + " (expected: a LinkProfile, e.g. LinkProfile.PERFECT)");
        }
        return chosen;
    }

    /** True if all connections share the direction's bottleneck; false if each has its own. */
    boolean sharesBandwidth() {
        return linkWide != null;
    }
}
