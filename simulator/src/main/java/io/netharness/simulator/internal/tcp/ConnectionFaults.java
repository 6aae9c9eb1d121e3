package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.Direction;
import io.netharness.simulator.Effect;
import io.netharness.simulator.Framer;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.Trigger;
import io.netharness.simulator.internal.fault.Windows;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The faults in force on one connection: opens and closes their windows (timers for triggers of time, stream points
 * for {@code afterBytes}, messages through the direction's framing), fires instant effects, and answers what the
 * connection's two {@link DirectionPath}s ask of the effects whose windows are open.
 *
 * <p>Whether a fault affects this connection at all is decided once, when it reaches the connection: by its
 * {@code onConnection} trigger, and by a generator seeded from the link seed, the fault's sequence number and the
 * connection index for a toxicity below 1. A periodic trigger's jitter draws from
 * {@code "tcp/fault/<fault#>/connection/<i>/windows"}. The same seed and the same order of connections and faults
 * give the same choices.
 *
 * <p>Threads: the connection's event loop only.
 */
final class ConnectionFaults {

    /** What the faults ask the connection to do. */
    interface Actions {
        /** Tear the connection down now: the receivers of {@code directions} get a TCP reset, the others a close. */
        void reset(Set<Direction> directions);

        /** Close the connection now (FIN both ways), discarding what the link still holds. */
        void close();

        /**
         * Stop reading in {@code drain}; once what those directions hold has been delivered, reset the receivers of
         * {@code resetReceivers} (close normally if empty) and end the connection.
         */
        void endAfterDelivery(Set<Direction> drain, Set<Direction> resetReceivers);

        /** A window opened or closed, or a fault went away: holds, held closes and reading may change. */
        void changed();
    }

    private final EventLoop loop;
    private final long linkSeed;
    private final long connectionIndex;
    private final Actions actions;
    private final List<AppliedFault> applied = new ArrayList<>(2);
    private final long[] messagesFramed = new long[2];
    private boolean cleared;

    ConnectionFaults(EventLoop loop, long linkSeed, long connectionIndex, Actions actions) {
        this.loop = loop;
        this.linkSeed = linkSeed;
        this.connectionIndex = connectionIndex;
        this.actions = actions;
    }

    /** Starts applying {@code fault} to this connection, if it is for this connection at all. */
    void apply(RegisteredFault fault) {
        if (cleared || !fault.isActive() || fault.onLink() || isApplied(fault)) {
            return;
        }
        Trigger trigger = fault.fault().trigger();
        if (trigger instanceof Trigger.OnConnection one) {
            if (one.number() != connectionIndex + 1) {
                return;
            }
            trigger = one.then();
        }
        if (!picks(fault)) {
            return;
        }
        AppliedFault entry = new AppliedFault(fault, trigger);
        applied.add(entry);
        for (Direction direction : entry.directions) {
            entry.messageBase[direction.ordinal()] = messagesFramed[direction.ordinal()];
        }
        if (trigger instanceof Trigger.AfterBytes || trigger instanceof Trigger.OnMessage) {
            return; // opened by the stream (reachPoints) or the framing (openAtMessage)
        }
        entry.windows = Windows.of(trigger, Seeds.generator(linkSeed, "tcp/fault/" + fault.id() + "/connection/"
                + connectionIndex + "/windows"));
        entry.originNanos = now();
        nextWindow(entry);
    }

    private void nextWindow(AppliedFault entry) {
        Windows.Window window = entry.windows.next();
        if (window == null) {
            return;
        }
        at(entry, window.openNanos(), () -> {
            openWindow(entry, entry.directions, null);
            if (window.closeNanos() != Windows.NEVER && isApplied(entry.registered)) {
                at(entry, window.closeNanos(), () -> {
                    closeWindow(entry);
                    nextWindow(entry);
                });
            }
        });
    }

    /** Runs {@code task} at {@code offsetNanos} from the entry's origin: now if due (so on-connect acts at once). */
    private void at(AppliedFault entry, long offsetNanos, Runnable task) {
        long delay = entry.originNanos + offsetNanos - now();
        if (delay <= 0) {
            task.run();
        } else {
            entry.windowTimer = loop.schedule(() -> {
                entry.windowTimer = null;
                if (!cleared && isApplied(entry.registered)) {
                    task.run();
                }
            }, delay, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Opens the entry's window in {@code directions}; {@code streamPoint} is the direction whose stream reached the
     * trigger (bytes or a message), or null for a trigger of time. An instant effect acts now.
     */
    private void openWindow(AppliedFault entry, Set<Direction> directions, Direction streamPoint) {
        if (cleared) {
            return;
        }
        Effect effect = entry.effect;
        if (effect instanceof Effect.ResetPeer) {
            if (streamPoint == null) {
                actions.reset(entry.directions);
            } else {
                actions.endAfterDelivery(EnumSet.of(streamPoint), entry.directions);
            }
            return;
        }
        if (effect instanceof Effect.Close) {
            actions.endAfterDelivery(streamPoint == null ? entry.directions : EnumSet.of(streamPoint),
                    EnumSet.noneOf(Direction.class));
            return;
        }
        for (Direction direction : directions) {
            entry.open(direction, true);
        }
        if (effect instanceof Effect.Timeout timeout && !timeout.closeAfter().isZero() && entry.effectTimer == null) {
            entry.effectTimer = schedule(timeout.closeAfter(), actions::close);
        } else if (effect instanceof Effect.ToxiproxyTimeout) {
            restartIdleTimer(entry);
        }
        actions.changed();
    }

    private void closeWindow(AppliedFault entry) {
        if (cleared || entry.effect.isInstant()) {
            return;
        }
        for (Direction direction : Direction.values()) {
            entry.open(direction, false);
        }
        entry.cancelEffectTimer();
        actions.changed();
    }

    /**
     * Data (or the end of the stream) arrived in {@code direction} and was swallowed by a fault: restarts each
     * {@link Effect.ToxiproxyTimeout}'s idle timer and starts each {@link Effect.ToxiproxyResetPeer}'s timer, as
     * Toxiproxy's toxics do when a chunk reaches them.
     */
    void arrived(Direction direction) {
        for (AppliedFault entry : applied) {
            if (!entry.isOpen(direction)) {
                continue;
            }
            if (entry.effect instanceof Effect.ToxiproxyTimeout) {
                restartIdleTimer(entry);
            } else if (entry.effect instanceof Effect.ToxiproxyResetPeer reset && !entry.triggered) {
                entry.triggered = true;
                entry.effectTimer = schedule(reset.timeout(), actions::close);
            }
        }
    }

    private void restartIdleTimer(AppliedFault entry) {
        Duration timeout = ((Effect.ToxiproxyTimeout) entry.effect).timeout();
        if (!timeout.isZero()) {
            entry.cancelEffectTimer();
            entry.effectTimer = schedule(timeout, actions::close);
        }
    }

    /**
     * True if a connection opening now must close its sockets with a reset ({@code SO_LINGER 0}): Toxiproxy sets it
     * on both sockets whenever the connection's chain holds a {@code reset_peer}, whether toxicity picks it or not.
     */
    static boolean resetsOnClose(Iterable<RegisteredFault> faults) {
        for (RegisteredFault fault : faults) {
            if (fault.isActive() && fault.fault().effect() instanceof Effect.ToxiproxyResetPeer) {
                return true;
            }
        }
        return false;
    }

    private boolean isApplied(RegisteredFault fault) {
        for (AppliedFault entry : applied) {
            if (entry.registered == fault) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops applying {@code fault}: its windows close and its pending timers never fire. A removed
     * {@link Effect.ToxiproxyTimeout} closes the connection, picked by its toxicity or not, as Toxiproxy's toxic does.
     */
    void remove(RegisteredFault fault) {
        if (fault.fault().effect() instanceof Effect.ToxiproxyTimeout) {
            actions.close();
            return;
        }
        boolean removed = applied.removeIf(entry -> {
            if (entry.registered != fault) {
                return false;
            }
            entry.cancelTimers();
            return true;
        });
        if (removed) {
            actions.changed();
        }
    }

    /** Cancels every pending timer and forgets every fault; called when the connection closes. */
    void clear() {
        cleared = true;
        applied.forEach(AppliedFault::cancelTimers);
        applied.clear();
    }

    /** True when nothing acts on {@code direction} now or at a point of its stream: the fast path may be taken. */
    boolean isQuiet(Direction direction) {
        for (AppliedFault entry : applied) {
            if (entry.isOpen(direction) || entry.awaitsBytes(direction) || entry.framesMessages(direction)) {
                return false;
            }
        }
        return true;
    }

    /** True when data in {@code direction} must be discarded (blackhole, timeouts, Toxiproxy's reset). */
    boolean discardsData(Direction direction) {
        for (AppliedFault entry : applied) {
            Effect effect = entry.effect;
            if (entry.isOpen(direction) && (effect instanceof Effect.Blackhole || effect instanceof Effect.Timeout
                    || effect instanceof Effect.ToxiproxyTimeout || effect instanceof Effect.ToxiproxyResetPeer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True while a blackhole, a hang or Toxiproxy's reset holds {@code direction}: the sender's FIN or close must not
     * pass either, since in TCP it is sequenced after the data that is never (or not yet) delivered.
     */
    boolean holdsClose(Direction direction) {
        for (AppliedFault entry : applied) {
            if (entry.isOpen(direction) && (entry.effect instanceof Effect.Blackhole
                    || entry.effect instanceof Effect.Hang || entry.effect instanceof Effect.ToxiproxyResetPeer)) {
                return true;
            }
        }
        return false;
    }

    /** True while a hang holds {@code direction}: nothing is delivered and nothing read. */
    boolean hangs(Direction direction) {
        for (AppliedFault entry : applied) {
            if (entry.isOpen(direction) && entry.effect instanceof Effect.Hang) {
                return true;
            }
        }
        return false;
    }

    /** The first slicer open in {@code direction}, or null. */
    Effect.Slicer slicer(Direction direction) {
        for (AppliedFault entry : applied) {
            if (entry.isOpen(direction) && entry.effect instanceof Effect.Slicer slicer) {
                return slicer;
            }
        }
        return null;
    }

    /** The profiles of the first profile change open in {@code direction}, or null for the link's. */
    DirectionProfiles profiles(Direction direction) {
        for (AppliedFault entry : applied) {
            if (entry.isOpen(direction) && entry.profiles != null) {
                return entry.profiles;
            }
        }
        return null;
    }

    /** The longest slow-close delay open in {@code direction}, in nanoseconds (0 if none). */
    long closeDelayNanos(Direction direction) {
        long delay = 0;
        for (AppliedFault entry : applied) {
            if (entry.isOpen(direction) && entry.effect instanceof Effect.SlowClose slow) {
                delay = Math.max(delay, slow.delay().toNanos());
            }
        }
        return delay;
    }

    /** Bytes that may still pass in {@code direction} before an {@code afterBytes} point (Long.MAX_VALUE: none). */
    long bytesToNextPoint(Direction direction) {
        long next = Long.MAX_VALUE;
        for (AppliedFault entry : applied) {
            if (entry.awaitsBytes(direction)) {
                next = Math.min(next, entry.bytesLeft[direction.ordinal()]);
            }
        }
        return next;
    }

    /** Counts {@code bytes} read in {@code direction} against every pending {@code afterBytes} point. */
    void passed(Direction direction, long bytes) {
        for (AppliedFault entry : applied) {
            if (entry.awaitsBytes(direction)) {
                entry.bytesLeft[direction.ordinal()] = Math.max(0, entry.bytesLeft[direction.ordinal()] - bytes);
            }
        }
    }

    /** The stream of {@code direction} is at a chunk that reaches each point with no bytes left: open those windows. */
    void reachPoints(Direction direction) {
        for (AppliedFault entry : List.copyOf(applied)) {
            if (entry.awaitsBytes(direction) && entry.bytesLeft[direction.ordinal()] == 0 && !cleared) {
                entry.bytesLeft[direction.ordinal()] = -1;
                openWindow(entry, EnumSet.of(direction), direction);
            }
        }
    }

    /** The framer the message faults of {@code direction} use, or null when none acts on messages. */
    Framer framer(Direction direction) {
        for (AppliedFault entry : applied) {
            if (entry.framesMessages(direction)) {
                return ((Trigger.OnMessage) entry.trigger).framer();
            }
        }
        return null;
    }

    /** The faults that act on messages of {@code direction}, in the order they were added. */
    List<AppliedFault> messageFaults(Direction direction) {
        List<AppliedFault> faults = new ArrayList<>(applied.size());
        for (AppliedFault entry : applied) {
            if (entry.framesMessages(direction)) {
                faults.add(entry);
            }
        }
        return faults;
    }

    /** Messages framed so far in {@code direction}, where a new framing continues counting. */
    long framedSoFar(Direction direction) {
        return messagesFramed[direction.ordinal()];
    }

    /** The framing of {@code direction} found its {@code count}th message (1 the first on the connection). */
    void framed(Direction direction, long count) {
        messagesFramed[direction.ordinal()] = count;
    }

    /** An effect on the connection whose trigger is a message fires at that message's point in {@code direction}. */
    void openAtMessage(AppliedFault entry, Direction direction) {
        entry.firedAtMessage = true;
        openWindow(entry, EnumSet.of(direction), direction);
    }

    /** The connection's number, 1 for the first the link accepted. */
    long connectionNumber() {
        return connectionIndex + 1;
    }

    /** A generator for the random choices a message fault makes on this connection in {@code direction}. */
    java.util.random.RandomGenerator messageRandom(AppliedFault entry, Direction direction) {
        return Seeds.generator(linkSeed, "tcp/fault/" + entry.registered.id() + "/connection/" + connectionIndex + "/"
                + direction.name().toLowerCase(java.util.Locale.ROOT) + "/message");
    }

    private boolean picks(RegisteredFault fault) {
        if (fault.toxicity() >= 1.0) {
            return true;
        }
        String stream = "tcp/fault/" + fault.id() + "/connection/" + connectionIndex;
        return Seeds.generator(linkSeed, stream).nextDouble() < fault.toxicity();
    }

    private long now() {
        return loop.ticker().nanoTime();
    }

    private io.netty.util.concurrent.ScheduledFuture<?> schedule(Duration delay, Runnable action) {
        return loop.schedule(() -> {
            if (!cleared) {
                action.run();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
