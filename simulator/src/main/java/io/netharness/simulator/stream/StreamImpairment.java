package io.netharness.simulator.stream;

import io.netharness.core.Chunk;
import io.netharness.core.Inbox;
import io.netharness.core.StreamComponent;
import io.netharness.core.Transport;
import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.DropCause;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.UdpLink;
import io.netharness.simulator.internal.model.DatagramFate;
import io.netharness.simulator.internal.model.ImpairmentEngine;
import io.netharness.simulator.internal.model.ReorderWindow;
import io.netharness.simulator.internal.stats.DirectionCounters;
import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netharness.simulator.profile.Mtu;
import io.netharness.simulator.profile.Reordering;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Kamaelia's "broken network" components (Duplicate, Throwaway, Reorder) for a component
 * {@link io.netharness.core.Pipeline}: messages in, the same messages out, some thrown away, some
 * duplicated, some held back so later ones overtake them, and {@link Chunk}s possibly corrupted. Driven by
 * the same models and seeds as the links (an {@code ImpairmentEngine} seeded with
 * {@code Seeds.derive(seed, "stream")}), so the same seed and messages give the same output.
 *
 * <pre>{@code
 * try (Pipeline<Chunk, Chunk> line = Pipeline.of(
 *         StreamImpairment.<Chunk>throwaway(Loss.random(0.1), 42),
 *         StreamImpairment.<Chunk>duplicate(new Duplication(0.05, 0), 42),
 *         StreamImpairment.<Chunk>reorder(new Reordering(0.1, 3, Duration.ofMillis(50)), 42))) {
 *     line.start();
 *     line.inbox().put(Chunk.ofUtf8("hello"));
 * }
 * }</pre>
 *
 * <p>Unlike Kamaelia's Reorder, the window always flushes: a held message goes out once {@code gap} later
 * messages have passed it, when it has been held {@code maxHold}, or when the stream finishes
 * ({@link io.netharness.core.Lifecycle.ProducerFinished} on control), whichever comes first. Timing effects
 * (latency, bandwidth) and the MTU are refused: components are not a timed path; use a {@link UdpLink}.
 * Corruption flips one bit of a {@link Chunk} and leaves other message types alone.
 *
 * @param <T> the message type
 */
public final class StreamImpairment<T> extends StreamComponent<T, T> {

    private static final class Held<T> {
        final T message;
        final long arrivalNanos;
        final long sentMark;

        Held(T message, long arrivalNanos, long sentMark) {
            this.message = message;
            this.arrivalNanos = arrivalNanos;
            this.sentMark = sentMark;
        }
    }

    private final ImpairmentEngine engine;
    private final EventExecutor executor;
    private final LongSupplier clock = System::nanoTime;
    private final ReorderWindow<Held<T>> window = new ReorderWindow<>();
    private final DirectionCounters counters = new DirectionCounters();
    private final long seed;
    private Emitter<T> emitter;
    private ScheduledFuture<?> holdTimer;
    private long sent;
    private volatile boolean closed;

    private StreamImpairment(String name, LinkProfile profile, long seed, EventExecutor executor) {
        super(name, Inbox.DEFAULT_CAPACITY, executor);
        requireUntimed(profile);
        this.engine = new ImpairmentEngine(Seeds.derive(seed, "stream"), profile);
        this.executor = executor;
        this.seed = seed;
    }

    /** Loss, duplication, reordering and corruption of {@code profile}; on the shared event loops. */
    public static <T> StreamImpairment<T> of(LinkProfile profile, long seed) {
        return of("impair", profile, seed, Transport.sharedGroup().next());
    }

    /** As {@link #of(LinkProfile, long)}, named, on a given executor. */
    public static <T> StreamImpairment<T> of(String name, LinkProfile profile, long seed, EventExecutor executor) {
        return new StreamImpairment<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(profile,
                "profile"), seed, Objects.requireNonNull(executor, "executor"));
    }

    /** Kamaelia's Throwaway: drops messages by {@code loss}. */
    public static <T> StreamImpairment<T> throwaway(Loss loss, long seed) {
        return of("throwaway", LinkProfile.PERFECT.withLoss(loss), seed, Transport.sharedGroup().next());
    }

    /** Kamaelia's Duplicate: sends some messages twice. */
    public static <T> StreamImpairment<T> duplicate(Duplication duplication, long seed) {
        return of("duplicate", LinkProfile.PERFECT.withDuplication(duplication), seed, Transport.sharedGroup().next());
    }

    /** Kamaelia's Reorder, with a window that always flushes. */
    public static <T> StreamImpairment<T> reorder(Reordering reordering, long seed) {
        return of("reorder", LinkProfile.PERFECT.withReordering(reordering), seed, Transport.sharedGroup().next());
    }

    /** Flips one bit of some chunks. */
    public static StreamImpairment<Chunk> corrupt(Corruption corruption, long seed) {
        return of("corrupt", LinkProfile.PERFECT.withCorruption(corruption), seed, Transport.sharedGroup().next());
    }

    /** The seed the decisions derive from. */
    public long seed() {
        return seed;
    }

    /** Applies a new profile from the next message on (timing effects refused as at construction). */
    public void profile(LinkProfile profile) {
        requireUntimed(profile);
        engine.profile(profile);
    }

    /** Messages in, out, dropped, duplicated, reordered, corrupted; the histogram holds reorder hold times. */
    public DirectionStatistics statistics() {
        return counters.snapshot();
    }

    @Override
    protected void onMessage(T message, Emitter<T> out) {
        emitter = out;
        long now = clock.getAsLong();
        int bytes = message instanceof Chunk chunk ? chunk.size() : 0;
        counters.arrived(bytes);
        DatagramFate fate = engine.decide(bytes, now);
        if (fate.dropped()) {
            counters.dropped(bytes, DropCause.IMPAIRMENT);
            return;
        }
        for (int extra = 1; extra < fate.copies().size(); extra++) {
            counters.copied(bytes);
        }
        for (DatagramFate.Copy copy : fate.copies()) {
            T outgoing = copy.corrupted() ? corrupted(message, copy.corruptBit()) : message;
            if (copy.held()) {
                window.hold(new Held<>(outgoing, now, sent), copy.holdGap(), now, copy.maxHoldNanos());
                armHoldTimer();
            } else {
                emit(out, outgoing, now, now, false, 0);
                for (Held<T> released : window.passed()) {
                    emit(out, released.message, released.arrivalNanos, now, true, released.sentMark);
                }
            }
        }
    }

    @Override
    protected void onFinish(Emitter<T> out) {
        long now = clock.getAsLong();
        for (Held<T> held : window.drain()) {
            emit(out, held.message, held.arrivalNanos, now, true, held.sentMark);
        }
        cancelHoldTimer();
    }

    @Override
    public void close() {
        closed = true;
        executor.execute(this::cancelHoldTimer);
        super.close();
    }

    @SuppressWarnings("unchecked")
    private T corrupted(T message, long bit) {
        counters.corrupted();
        byte[] bytes = ((Chunk) message).toByteArray();
        bytes[(int) (bit >>> 3)] ^= (byte) (1 << (bit & 7));
        return (T) Chunk.of(bytes);
    }

    private void emit(Emitter<T> out, T message, long arrivalNanos, long now, boolean wasHeld, long sentMark) {
        if (wasHeld && sent > sentMark) {
            counters.reordered();
        }
        if (!wasHeld) {
            sent++;
        }
        counters.delivered(message instanceof Chunk chunk ? chunk.size() : 0, now - arrivalNanos);
        out.emit(message);
    }

    /** Releases held messages whose time is up; waits for outbox room rather than queue beyond it. */
    private void expire() {
        holdTimer = null;
        if (emitter == null || closed) {
            return;
        }
        if (!outbox().hasSpace()) {
            outbox().whenSpaceAvailable(() -> executor.execute(this::expire));
            return;
        }
        long now = clock.getAsLong();
        for (Held<T> held : window.expire(now)) {
            emit(emitter, held.message, held.arrivalNanos, now, true, held.sentMark);
        }
        armHoldTimer();
    }

    private void armHoldTimer() {
        long deadline = window.nextDeadline();
        if (deadline == ReorderWindow.NO_DEADLINE || holdTimer != null) {
            return;
        }
        holdTimer = executor.schedule(this::expire, deadline - clock.getAsLong(), TimeUnit.NANOSECONDS);
    }

    private void cancelHoldTimer() {
        if (holdTimer != null) {
            holdTimer.cancel(false);
            holdTimer = null;
        }
    }

    private static void requireUntimed(LinkProfile profile) {
        if (!profile.latency().equals(Latency.NONE)) {
            throw new IllegalArgumentException("latency: " + profile.latency()
                    + " (expected: Latency.NONE; stream components are not a timed path, use a UdpLink)");
        }
        if (!profile.bandwidth().isUnlimited()) {
            throw new IllegalArgumentException("bandwidth: " + profile.bandwidth()
                    + " (expected: Bandwidth.UNLIMITED; stream components are not a timed path, use a UdpLink)");
        }
        if (!profile.mtu().isUnlimited()) {
            throw new IllegalArgumentException("mtu: " + profile.mtu() + " (expected: Mtu.UNLIMITED for streams)");
        }
    }
}
