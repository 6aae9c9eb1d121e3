package io.netharness.simulator;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * Sends many datagrams through a link in small batches, waiting after each batch until the link has taken
 * every one and everything it sent on has been received, so every datagram the tests count really crossed
 * the link.
 *
 * <p>The kernel may still drop a datagram on loopback when the shared machine is overloaded (socket buffer
 * overflows show in {@code /proc/net/snmp}). That is detected, not ignored: when the counters stop moving for
 * {@link #STALL} with nothing in flight in the link but something missing, {@link #run} returns {@code false}
 * and the caller repeats the whole run ({@link #attempts}); a run that completes is exact. Bounded: fails if a
 * batch neither settles nor stalls within 60 s.
 */
final class DatagramPump {

    private static final Duration STALL = Duration.ofSeconds(2);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final long MAX_COUNTED_INTERVAL_NANOS = 20_000_000;

    /** A run that may be repeated when the environment lost a datagram. */
    @FunctionalInterface
    interface Attempt<T> {
        /** The result, or {@code null} when the pump reported a datagram lost outside the link. */
        T run() throws Exception;
    }

    private DatagramPump() {
    }

    /** Runs {@code attempt} until it completes, at most {@code max} times; fails after that. */
    static <T> T attempts(int max, Attempt<T> attempt) throws Exception {
        for (int i = 1; i <= max; i++) {
            T result = attempt.run();
            if (result != null) {
                return result;
            }
            System.out.printf("DatagramPump: attempt %d of %d lost a datagram outside the link (%s); repeating%n",
                    i, max, kernelUdpCounters());
        }
        return fail("the kernel dropped datagrams outside the link in all " + max + " attempts: "
                + kernelUdpCounters());
    }

    /**
     * @param client  sends
     * @param target  the link's target: a receiver, or an echo server (then replies go back to the client)
     * @param echoing whether {@code target} echoes
     * @return {@code true} if every datagram crossed; {@code false} if one was lost outside the link
     */
    static boolean run(UdpLink link, UdpPeer client, UdpPeer target, boolean echoing, int count, int batch,
            IntFunction<byte[]> payload) throws InterruptedException {
        for (int sent = 0; sent < count; ) {
            int end = Math.min(count, sent + batch);
            for (; sent < end; sent++) {
                client.send(payload.apply(sent), link.address());
            }
            if (!settle(link, client, target, echoing, sent)) {
                return false;
            }
        }
        return true;
    }

    private static boolean settle(UdpLink link, UdpPeer client, UdpPeer target, boolean echoing, long sent)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String last = "";
        long quietNanos = 0;
        long previousPoll = System.nanoTime();
        while (true) {
            LinkStatistics stats = link.statistics();
            if (settled(stats, client, target, echoing, sent) && link.inFlight() == 0) {
                return true;
            }
            String now = counters(stats, client, target);
            long pollTime = System.nanoTime();
            // Only short poll intervals count as quiet time: if this JVM was paused (GC) or this thread was
            // descheduled, the link was too, so that time proves nothing about a lost datagram.
            long interval = Math.min(pollTime - previousPoll, MAX_COUNTED_INTERVAL_NANOS);
            previousPoll = pollTime;
            if (!now.equals(last)) {
                last = now;
                quietNanos = 0;
            } else if ((quietNanos += interval) > STALL.toNanos() && link.inFlight() == 0) {
                System.out.printf("DatagramPump: stalled after %d sent: %s%n", sent, now);
                return false;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("batch did not settle within " + SETTLE + ": " + now + "; kernel: " + kernelUdpCounters());
            }
            Thread.sleep(1); // poll interval of a bounded wait
        }
    }

    private static boolean settled(LinkStatistics stats, UdpPeer client, UdpPeer target, boolean echoing,
            long sent) {
        if (stats.upstream().datagramsIn() != sent || target.count() != stats.upstream().delivered()) {
            return false;
        }
        return !echoing || (stats.downstream().datagramsIn() == target.count()
                && client.count() == stats.downstream().delivered());
    }

    private static String counters(LinkStatistics stats, UdpPeer client, UdpPeer target) {
        return "link up in " + stats.upstream().datagramsIn() + " out " + stats.upstream().delivered()
                + ", target got " + target.count() + ", link down in " + stats.downstream().datagramsIn()
                + " out " + stats.downstream().delivered() + ", client got " + client.count();
    }

    /** The kernel's UDP counters (RcvbufErrors tells whether a socket buffer overflowed), for reports. */
    static String kernelUdpCounters() {
        try {
            return String.join(" / ", Files.readAllLines(Path.of("/proc/net/snmp")).stream()
                    .filter(line -> line.startsWith("Udp:")).toList());
        } catch (IOException | RuntimeException e) {
            return "unavailable (" + e + ")";
        }
    }
}
