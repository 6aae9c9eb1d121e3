package io.netharness.simulator;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Warns when a {@link MulticastLink} starts on a group where a started link has the same seed: the two would lose
 * exactly the same datagrams, which is rarely what two receivers are meant to see. A warning, not an error: a test may
 * want identical receivers on purpose.
 */
final class SameSeedWarning {

    private static final System.Logger LOG = System.getLogger(MulticastLink.class.getName());

    /** The link that holds a (group, seed) pair, by that pair. */
    private final Map<String, MulticastLink> holders = new ConcurrentHashMap<>();

    /** Records a started link's group and seed; warns if another started link holds them. */
    void claim(MulticastLink link) {
        MulticastLink other = holders.putIfAbsent(key(link), link);
        if (other != null && other != link) {
            LOG.log(Level.WARNING, () -> link + " has the seed " + Seeds.format(link.seed()) + " of " + other
                    + " on the same group: both lose, duplicate and delay exactly the same datagrams; give each"
                    + " receiver a seed of its own, e.g. seed(seed, \"<receiver name>\")");
        }
    }

    /** Forgets a closing link's claim (if it was started and not closed before). */
    void release(MulticastLink link) {
        if (link.isClosed()) {
            return;
        }
        try {
            holders.remove(key(link), link);
        } catch (IllegalStateException neverStarted) {
            // no address, so nothing was claimed
        }
    }

    private static String key(MulticastLink link) {
        InetSocketAddress group = link.address();
        return group.getAddress().getHostAddress() + ":" + group.getPort() + "/" + link.seed();
    }
}
