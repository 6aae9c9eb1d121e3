package io.netharness.simulator.internal.stats;

import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.DropCause;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live, thread-safe counters of one direction of a link; cheap enough to bump for every datagram from any
 * event loop. {@link #snapshot()} gives the public {@link DirectionStatistics}.
 *
 * <p>Every byte that {@link #arrived} (or was {@link #copied}) is in flight until it is {@link #accepted} or
 * {@link #dropped}; {@link #delivered} is both steps at once, for paths whose hand-off cannot fail later.
 */
public final class DirectionCounters {

    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesDelivered = new LongAdder();
    private final LongAdder bytesInFlight = new LongAdder();
    private final LongAdder datagramsIn = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder reordered = new LongAdder();
    private final LongAdder corrupted = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final Map<DropCause, LongAdder> droppedBytes = new EnumMap<>(DropCause.class);
    private final DelayRecorder delays = new DelayRecorder();

    public DirectionCounters() {
        for (DropCause cause : DropCause.values()) {
            droppedBytes.put(cause, new LongAdder());
        }
    }

    /** A datagram (or chunk) of {@code bytes} arrived at the link; its bytes are now in flight. */
    public void arrived(int bytes) {
        datagramsIn.increment();
        bytesIn.add(bytes);
        bytesInFlight.add(bytes);
    }

    /** A datagram or chunk was handed to the receiving socket after {@code delayNanos} in the link. */
    public void handedOn(long delayNanos) {
        delivered.increment();
        delays.recordNanos(delayNanos);
    }

    /** The receiving socket accepted {@code bytes} that were in flight. */
    public void accepted(int bytes) {
        bytesDelivered.add(bytes);
        bytesInFlight.add(-bytes);
    }

    /** {@link #handedOn} and {@link #accepted} at once. */
    public void delivered(int bytes, long delayNanos) {
        handedOn(delayNanos);
        accepted(bytes);
    }

    /** A datagram or chunk of {@code bytes} in flight will never be delivered, for {@code cause}. */
    public void dropped(int bytes, DropCause cause) {
        dropped.increment();
        droppedBytes(bytes, cause);
    }

    /** Part of a datagram or chunk ({@code bytes} in flight) will never be delivered; the rest may be. */
    public void droppedBytes(long bytes, DropCause cause) {
        droppedBytes.get(cause).add(bytes);
        bytesInFlight.add(-bytes);
    }

    /** The link made an extra copy of {@code bytes}: they are in flight too. */
    public void copied(int bytes) {
        duplicated.increment();
        bytesInFlight.add(bytes);
    }

    public void reordered() {
        reordered.increment();
    }

    public void corrupted() {
        corrupted.increment();
    }

    /** A datagram was cut to the MTU; the {@code bytesCut} beyond it are dropped. */
    public void truncated(int bytesCut) {
        truncated.increment();
        droppedBytes(bytesCut, DropCause.IMPAIRMENT);
    }

    /** Bytes in flight now. */
    public long bytesInFlight() {
        return bytesInFlight.sum();
    }

    /**
     * Once its link is closed, every byte read was delivered or counted as dropped. Anything else is a bug of the
     * link's own accounting, which must never let a statistic say "nothing dropped" when bytes went missing.
     *
     * @param what names the link and direction in the failure, e.g. {@code "TCP link to 127.0.0.1:5432, upstream"}
     * @throws IllegalStateException if bytes are still in flight
     */
    public void requireNothingInFlight(String what) {
        long left = bytesInFlight.sum();
        if (left != 0) {
            throw new IllegalStateException(what + ": " + left + " bytes neither delivered nor counted as dropped"
                    + " after close (" + snapshot() + ")");
        }
    }

    /** The counters now; each is read atomically, the set is not (traffic may be flowing). */
    public DirectionStatistics snapshot() {
        return snapshot(0);
    }

    /**
     * The counters now, with {@code droppedBeforeLink} as counted by the kernel at the direction's sockets (the link
     * never saw those datagrams, so no counter here can know them).
     */
    public DirectionStatistics snapshot(long droppedBeforeLink) {
        Map<DropCause, Long> dropped = new EnumMap<>(DropCause.class);
        droppedBytes.forEach((cause, bytes) -> dropped.put(cause, bytes.sum()));
        return new DirectionStatistics(bytesIn.sum(), bytesDelivered.sum(), bytesInFlight.sum(), datagramsIn.sum(),
                delivered.sum(), this.dropped.sum(), duplicated.sum(), reordered.sum(), corrupted.sum(),
                truncated.sum(), dropped, delays.snapshot(), droppedBeforeLink);
    }
}
