package io.netharness.simulator.internal.udp;

import io.netharness.simulator.Direction;
import io.netharness.simulator.DropCause;
import io.netharness.simulator.internal.model.DatagramFate;
import io.netharness.simulator.internal.model.ImpairmentEngine;
import io.netharness.simulator.internal.model.ReorderWindow;
import io.netharness.simulator.internal.pcap.PcapWriter;
import io.netharness.simulator.internal.stats.DirectionCounters;
import io.netharness.simulator.profile.LinkProfile;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One direction of a datagram link: decides each datagram's fate with an {@link ImpairmentEngine} when it
 * arrives, then keeps every copy in a departure queue (earliest first) and sends it when its time comes,
 * holding reordered copies in a {@link ReorderWindow}.
 *
 * <p>Timers: one Netty scheduled task for the earliest departure and one for the earliest hold deadline, on
 * the link's event loop (epoll's timerfd has nanosecond resolution, so departures are precise to the
 * scheduler's wake-up latency, typically tens of microseconds). The queue is a priority queue, so a datagram
 * with a shorter delay may overtake an earlier one, as jitter does on a real path (netem behaves the same).
 *
 * <p>Threads: everything runs on the event loop, except {@link #cut(boolean)}, {@link #profile} and
 * statistics, which are thread-safe. Buffers: the path owns every datagram handed to {@link #accept} and
 * releases it when sent (via the outlet), dropped or discarded. A copy that leaves at once is sent as a slice
 * of the datagram it came from (no copying on a transparent path); one that waits gets its own right-sized
 * buffer, so a slot of a large receive buffer is never pinned for the length of a delay.
 *
 * <p>Flushing: outlets only write. Datagrams sent by {@link #accept} are flushed by its caller once its read
 * burst ends; those sent by the path's timers are flushed by the path at the end of each timer run.
 */
final class ImpairedPath {

    private static final long FINAL_APPROACH_NANOS = 4_000_000;

    private final Direction direction;
    private final EventLoop loop;
    private final ImpairmentEngine engine;
    private final DirectionCounters counters;
    private final LongSupplier clock;
    private final int maxQueued;
    private final PcapWriter capture;
    private final PendingFlushes flushes;
    private final PriorityQueue<Departure> queue = new PriorityQueue<>();
    private final ReorderWindow<Departure> window = new ReorderWindow<>();
    private volatile FateObserver observer = FateObserver.NONE;
    private volatile boolean cut;
    private boolean closed;
    private long sequence;
    private long sent;
    private ScheduledFuture<?> departureTimer;
    private long departureTimerAt;
    private ScheduledFuture<?> holdTimer;
    private long holdTimerAt;

    /**
     * @param maxQueued copies that may wait at once; beyond that arriving datagrams are dropped (a router's
     *                  tail drop), so a bandwidth limit cannot pile up unbounded memory
     * @param capture   where sent copies are recorded, or {@code null}
     * @param flushes   what the outlets write to; the path flushes it after its timers sent
     */
    ImpairedPath(Direction direction, EventLoop loop, long seed, LinkProfile profile, LongSupplier clock,
            int maxQueued, PcapWriter capture, DirectionCounters counters, PendingFlushes flushes) {
        this.direction = Objects.requireNonNull(direction, "direction");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.engine = new ImpairmentEngine(seed, profile);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxQueued = maxQueued;
        this.capture = capture;
        this.flushes = Objects.requireNonNull(flushes, "flushes");
    }

    public LinkProfile profile() {
        return engine.profile();
    }

    /** Applies {@code profile} from the next datagram on; any thread. */
    public void profile(LinkProfile profile) {
        engine.profile(profile);
    }

    public DirectionCounters counters() {
        return counters;
    }

    public void observer(FateObserver newObserver) {
        observer = Objects.requireNonNull(newObserver, "observer");
    }

    /** While cut, arriving datagrams are dropped; copies already queued still leave. Any thread. */
    public void cut(boolean value) {
        cut = value;
    }

    public boolean isCut() {
        return cut;
    }

    /** Copies waiting for departure or held for reordering. On the event loop. */
    public int inFlight() {
        return queue.size() + window.size();
    }

    /**
     * Takes a datagram that just arrived (it may be a slice of a larger receive buffer); {@code outlet} is
     * where its copies go. What leaves at once is written, not flushed: the caller flushes the path's
     * {@link PendingFlushes} when its read burst is over. On the event loop.
     */
    public void accept(ByteBuf datagram, Outlet outlet) {
        long now = clock.getAsLong();
        int bytes = datagram.readableBytes();
        counters.arrived(bytes);
        if (closed || cut || inFlight() >= maxQueued) {
            drop(datagram, bytes, now);
            return;
        }
        try {
            DatagramFate fate = engine.decide(bytes, now);
            observer.decided(direction, bytes, now, fate);
            if (fate.dropped()) {
                counters.dropped(bytes, DropCause.IMPAIRMENT);
                return;
            }
            if (fate.outcome() == DatagramFate.Outcome.TRUNCATED) {
                counters.truncated(bytes - fate.bytes());
            }
            for (int extra = 1; extra < fate.copies().size(); extra++) {
                counters.copied(fate.bytes());
            }
            List<DatagramFate.Copy> copies = fate.copies();
            if (copies.size() == 1 && queue.isEmpty() && window.size() == 0 && leavesAt(copies.get(0), now)) {
                // Nothing waits ahead of it and nothing waits for it to pass: what the queue would do at once.
                sent++;
                deliver(payloadOf(datagram, fate.bytes(), copies.get(0), now), now, outlet, now);
                return;
            }
            for (DatagramFate.Copy copy : copies) {
                queue.add(new Departure(copy.departureNanos(), sequence++, now, copy, outlet,
                        payloadOf(datagram, fate.bytes(), copy, now)));
            }
        } finally {
            datagram.release();
        }
        departNow(now);
    }

    /**
     * Counts (as arrived, then dropped) and releases a datagram that arrived while the link could not take it,
     * before it reached {@link #accept}. On the event loop.
     */
    public void refuse(ByteBuf datagram, long now) {
        int bytes = datagram.readableBytes();
        counters.arrived(bytes);
        drop(datagram, bytes, now);
    }

    /** Counts as dropped and releases a datagram already counted as arrived. */
    private void drop(ByteBuf datagram, int bytes, long now) {
        observer.decided(direction, bytes, now, null);
        counters.dropped(bytes, closed ? DropCause.CONNECTION_ENDED : DropCause.IMPAIRMENT);
        datagram.release();
    }

    /** True if {@code copy} is sent at {@code now} rather than queued or held. */
    private static boolean leavesAt(DatagramFate.Copy copy, long now) {
        return !copy.held() && copy.departureNanos() - now <= 0;
    }

    private ByteBuf payloadOf(ByteBuf datagram, int bytes, DatagramFate.Copy copy, long now) {
        if (copy.corrupted()) {
            // A corrupted copy gets its own bytes, so a duplicate (or the received buffer) stays intact.
            ByteBuf own = Datagrams.copyOf(datagram, bytes);
            int index = (int) (copy.corruptBit() >>> 3);
            own.setByte(index, own.getByte(index) ^ (1 << (copy.corruptBit() & 7)));
            counters.corrupted();
            return own;
        }
        // Sent within this accept(): a view of the received bytes is enough, and flushed before they are reused.
        return leavesAt(copy, now) ? datagram.retainedSlice(datagram.readerIndex(), bytes)
                : Datagrams.copyOf(datagram, bytes);
    }

    private void onDepartureTimer() {
        departureTimer = null;
        departNow(clock.getAsLong());
        flushes.flush();
    }

    private void onHoldTimer() {
        holdTimer = null;
        long now = clock.getAsLong();
        for (Departure released : window.expire(now)) {
            send(released, now, true);
        }
        armHoldTimer();
        flushes.flush();
    }

    /** Sends every copy due at {@code now}, then re-arms the timers. */
    private void departNow(long now) {
        Departure next;
        while (!closed && (next = queue.peek()) != null && next.departureNanos - now <= 0) {
            queue.poll();
            if (next.copy.held()) {
                next.sentMarkWhenHeld = sent;
                window.hold(next, next.copy.holdGap(), now, next.copy.maxHoldNanos());
                continue;
            }
            send(next, now, false);
            for (Departure released : window.passed()) {
                send(released, now, true);
            }
        }
        armDepartureTimer();
        armHoldTimer();
    }

    private void send(Departure departure, long now, boolean wasHeld) {
        if (wasHeld && sent > departure.sentMarkWhenHeld) {
            counters.reordered();
        }
        if (!wasHeld) {
            sent++;
        }
        ByteBuf payload = departure.payload;
        departure.payload = null;
        deliver(payload, departure.arrivalNanos, departure.outlet, now);
    }

    private void deliver(ByteBuf payload, long arrivalNanos, Outlet outlet, long now) {
        counters.delivered(payload.readableBytes(), now - arrivalNanos);
        if (capture != null) {
            capture.udp(outlet.captureSource(), outlet.captureDestination(), payload);
        }
        outlet.send(payload);
    }

    private void armDepartureTimer() {
        Departure head = queue.peek();
        if (head == null || closed) {
            return;
        }
        if (departureTimer != null) {
            if (departureTimerAt - head.departureNanos <= 0) {
                return;
            }
            departureTimer.cancel(false);
        }
        departureTimerAt = head.departureNanos;
        departureTimer = loop.schedule(this::onDepartureTimer, wakeUpDelay(head.departureNanos),
                TimeUnit.NANOSECONDS);
    }

    private void armHoldTimer() {
        long deadline = window.nextDeadline();
        if (deadline == ReorderWindow.NO_DEADLINE || closed) {
            return;
        }
        if (holdTimer != null) {
            if (holdTimerAt - deadline <= 0) {
                return;
            }
            holdTimer.cancel(false);
        }
        holdTimerAt = deadline;
        holdTimer = loop.schedule(this::onHoldTimer, wakeUpDelay(deadline), TimeUnit.NANOSECONDS);
    }

    /**
     * How long to sleep towards {@code deadline}. Netty's epoll loop waits with millisecond resolution for
     * timeouts of 10 ms or more ({@code io.netty.channel.epoll.epollWaitThreshold}) and with its nanosecond
     * timerfd below; so a far deadline gets a coarse wake-up {@value #FINAL_APPROACH_NANOS} ns before it and
     * the rest is slept precisely (the timer callbacks re-arm when nothing is due yet).
     */
    private long wakeUpDelay(long deadline) {
        long delay = deadline - clock.getAsLong();
        return delay > 2 * FINAL_APPROACH_NANOS ? delay - FINAL_APPROACH_NANOS : delay;
    }

    /** Drops every copy in flight (counted as dropped). On the event loop. */
    public void discardInFlight() {
        List<Departure> held = window.drain();
        for (Departure departure : held) {
            drop(departure);
        }
        Departure departure;
        while ((departure = queue.poll()) != null) {
            drop(departure);
        }
        cancelTimers();
    }

    /** A copy in flight is discarded because the path was cut or closed. */
    private void drop(Departure departure) {
        counters.dropped(departure.payloadBytes(), closed ? DropCause.CONNECTION_ENDED : DropCause.IMPAIRMENT);
        departure.release();
    }

    /** Discards what is in flight and refuses everything after. On the event loop; idempotent. */
    public void close() {
        if (!closed) {
            closed = true;
            discardInFlight();
        }
    }

    private void cancelTimers() {
        if (departureTimer != null) {
            departureTimer.cancel(false);
            departureTimer = null;
        }
        if (holdTimer != null) {
            holdTimer.cancel(false);
            holdTimer = null;
        }
    }
}
