package io.netharness.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * Sends many datagrams through a link in small batches, waiting after each batch until the link has taken
 * every one and everything it sent on has been received, so no kernel socket buffer overflows: every
 * datagram the tests count really crossed the link. Bounded: fails if a batch does not settle in 10 s.
 */
final class DatagramPump {

    private static final Duration SETTLE = Duration.ofSeconds(10);

    private DatagramPump() {
    }

    /**
     * @param client  sends
     * @param target  the link's target: a receiver, or an echo server (then replies go back to the client)
     * @param echoing whether {@code target} echoes
     */
    static void run(UdpLink link, UdpPeer client, UdpPeer target, boolean echoing, int count, int batch,
            IntFunction<byte[]> payload) throws InterruptedException {
        for (int sent = 0; sent < count; ) {
            int end = Math.min(count, sent + batch);
            for (; sent < end; sent++) {
                client.send(payload.apply(sent), link.address());
            }
            long expectedIn = sent;
            Waiting.until("the batch to settle", SETTLE, () -> settled(link, client, target, echoing, expectedIn),
                    () -> link.statistics() + ", target got " + target.count() + ", client got " + client.count()
                            + "; kernel: " + kernelUdpCounters());
        }
    }

    /** The kernel's UDP counters (RcvbufErrors tells whether a socket buffer overflowed), for failure messages. */
    private static String kernelUdpCounters() {
        try {
            return String.join(" / ", Files.readAllLines(Path.of("/proc/net/snmp")).stream()
                    .filter(line -> line.startsWith("Udp:")).toList());
        } catch (IOException | RuntimeException e) {
            return "unavailable (" + e + ")";
        }
    }

    private static boolean settled(UdpLink link, UdpPeer client, UdpPeer target, boolean echoing, long sent) {
        LinkStatistics stats = link.statistics();
        if (stats.upstream().datagramsIn() != sent || target.count() != stats.upstream().delivered()) {
            return false;
        }
        if (echoing && (stats.downstream().datagramsIn() != target.count()
                || client.count() != stats.downstream().delivered())) {
            return false;
        }
        return link.inFlight() == 0; // last: it is a round trip to the link's event loop
    }
}
