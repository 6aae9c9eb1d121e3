package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.ConnectionFault.Blackhole;
import io.netharness.simulator.ConnectionFault.LimitData;
import io.netharness.simulator.ConnectionFault.ResetPeer;
import io.netharness.simulator.ConnectionFault.SlowClose;
import io.netharness.simulator.ConnectionFault.Slicer;
import io.netharness.simulator.ConnectionFault.Timeout;
import io.netharness.simulator.ConnectionFault.ToxiproxyResetPeer;
import io.netharness.simulator.ConnectionFault.ToxiproxyTimeout;
import io.netharness.simulator.Direction;
import io.netharness.simulator.Seeds;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The faults in force on one connection, with their per-connection state: bytes left under a {@link LimitData},
 * pending {@link ResetPeer}/{@link Timeout} timers, and the Toxiproxy-style timers that data starts or restarts
 * ({@link ToxiproxyTimeout}, {@link ToxiproxyResetPeer}).
 *
 * <p>Whether a fault affects this connection at all is decided once, when it reaches the connection, by a
 * generator seeded from the link seed, the fault's sequence number and the connection index: the same seed and
 * the same order of connections and faults pick the same connections.
 *
 * <p>Threads: the connection's event loop only.
 */
final class ConnectionFaults {

    /** What the faults ask the connection to do. */
    interface Actions {
        /** Tear the connection down; the receiver of {@code direction} gets a TCP reset. */
        void reset(Direction direction);

        /** Close the connection normally (FIN both ways), discarding what the link still holds. */
        void close();

        /** A fault stopped applying; a close it held back may now go on. */
        void removed();
    }

    private static final class Applied {
        final RegisteredFault registered;
        long bytesLeft;
        ScheduledFuture<?> timer;
        /** A {@link ToxiproxyResetPeer}'s timer was started by data; later data does not restart it. */
        boolean triggered;

        Applied(RegisteredFault registered) {
            this.registered = registered;
            this.bytesLeft = registered.fault() instanceof LimitData limit ? limit.bytes() : Long.MAX_VALUE;
        }

        Direction direction() {
            return registered.direction();
        }

        ConnectionFault fault() {
            return registered.fault();
        }
    }

    private final EventLoop loop;
    private final long linkSeed;
    private final long connectionIndex;
    private final Actions actions;
    private final List<Applied> applied = new ArrayList<>(2);

    ConnectionFaults(EventLoop loop, long linkSeed, long connectionIndex, Actions actions) {
        this.loop = loop;
        this.linkSeed = linkSeed;
        this.connectionIndex = connectionIndex;
        this.actions = actions;
    }

    /** Starts applying {@code fault} to this connection, if its toxicity picks this connection. */
    void apply(RegisteredFault fault) {
        if (!fault.isActive() || isApplied(fault) || !picks(fault)) {
            return;
        }
        Applied entry = new Applied(fault);
        applied.add(entry);
        if (fault.fault() instanceof ResetPeer reset) {
            entry.timer = schedule(reset.after().toNanos(), () -> actions.reset(fault.direction()));
        } else if (fault.fault() instanceof Timeout timeout && !timeout.after().isZero()) {
            entry.timer = schedule(timeout.after().toNanos(), actions::close);
        } else if (fault.fault() instanceof ToxiproxyTimeout) {
            restartIdleTimer(entry);
        }
    }

    /**
     * Data (or the end of the stream) arrived in {@code direction} and was swallowed by a fault: restarts each
     * {@link ToxiproxyTimeout}'s idle timer and starts each {@link ToxiproxyResetPeer}'s timer, as Toxiproxy's
     * toxics do when a chunk reaches them.
     */
    void arrived(Direction direction) {
        for (Applied entry : applied) {
            if (entry.direction() != direction) {
                continue;
            }
            if (entry.fault() instanceof ToxiproxyTimeout) {
                restartIdleTimer(entry);
            } else if (entry.fault() instanceof ToxiproxyResetPeer reset && !entry.triggered) {
                entry.triggered = true;
                entry.timer = schedule(reset.timeout().toNanos(), actions::close);
            }
        }
    }

    private void restartIdleTimer(Applied entry) {
        Duration timeout = ((ToxiproxyTimeout) entry.fault()).timeout();
        if (!timeout.isZero()) {
            cancelTimer(entry);
            entry.timer = schedule(timeout.toNanos(), actions::close);
        }
    }

    /**
     * True if a connection opening now must close its sockets with a reset ({@code SO_LINGER 0}): Toxiproxy sets it
     * on both sockets whenever the connection's chain holds a {@code reset_peer}, whether toxicity picks it or not.
     */
    static boolean resetsOnClose(Iterable<RegisteredFault> faults) {
        for (RegisteredFault fault : faults) {
            if (fault.isActive() && fault.fault() instanceof ToxiproxyResetPeer) {
                return true;
            }
        }
        return false;
    }

    private boolean isApplied(RegisteredFault fault) {
        for (Applied entry : applied) {
            if (entry.registered == fault) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops applying {@code fault}; a pending timer of it never fires. A removed {@link ToxiproxyTimeout} closes
     * the connection, picked by its toxicity or not, as Toxiproxy's toxic does.
     */
    void remove(RegisteredFault fault) {
        if (fault.fault() instanceof ToxiproxyTimeout) {
            actions.close();
            return;
        }
        boolean removed = applied.removeIf(entry -> {
            if (entry.registered != fault) {
                return false;
            }
            cancelTimer(entry);
            return true;
        });
        if (removed) {
            actions.removed();
        }
    }

    /** Cancels every pending timer; called when the connection closes. */
    void clear() {
        applied.forEach(ConnectionFaults::cancelTimer);
        applied.clear();
    }

    boolean isEmpty(Direction direction) {
        for (Applied entry : applied) {
            if (entry.direction() == direction) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when data in {@code direction} must be discarded ({@link Blackhole}, {@link Timeout} and the Toxiproxy
     * variants); the caller then reports it with {@link #arrived(Direction)}.
     */
    boolean discardsData(Direction direction) {
        for (Applied entry : applied) {
            ConnectionFault fault = entry.fault();
            if (entry.direction() == direction && (fault instanceof Blackhole || fault instanceof Timeout
                    || fault instanceof ToxiproxyTimeout || fault instanceof ToxiproxyResetPeer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True while a {@link Blackhole} or {@link ToxiproxyResetPeer} holds {@code direction}: the sender's FIN or close
     * must not pass either, since in TCP it is sequenced after the data that is never delivered.
     */
    boolean holdsClose(Direction direction) {
        for (Applied entry : applied) {
            if (entry.direction() == direction
                    && (entry.fault() instanceof Blackhole || entry.fault() instanceof ToxiproxyResetPeer)) {
                return true;
            }
        }
        return false;
    }

    /** How many more bytes may pass in {@code direction} before a {@link LimitData} closes the connection. */
    long bytesAllowed(Direction direction) {
        long allowed = Long.MAX_VALUE;
        for (Applied entry : applied) {
            if (entry.direction() == direction) {
                allowed = Math.min(allowed, entry.bytesLeft);
            }
        }
        return allowed;
    }

    /** Counts {@code bytes} that passed in {@code direction} against every {@link LimitData}. */
    void passed(Direction direction, long bytes) {
        for (Applied entry : applied) {
            if (entry.direction() == direction && entry.bytesLeft != Long.MAX_VALUE) {
                entry.bytesLeft = Math.max(0, entry.bytesLeft - bytes);
            }
        }
    }

    /** The first {@link Slicer} in force in {@code direction}, or null. */
    Slicer slicer(Direction direction) {
        for (Applied entry : applied) {
            if (entry.direction() == direction && entry.fault() instanceof Slicer slicer) {
                return slicer;
            }
        }
        return null;
    }

    /** The longest {@link SlowClose} delay in force in {@code direction}, in nanoseconds (0 if none). */
    long closeDelayNanos(Direction direction) {
        long delay = 0;
        for (Applied entry : applied) {
            if (entry.direction() == direction && entry.fault() instanceof SlowClose slow) {
                delay = Math.max(delay, slow.delay().toNanos());
            }
        }
        return delay;
    }

    private boolean picks(RegisteredFault fault) {
        if (fault.toxicity() >= 1.0) {
            return true;
        }
        String stream = "tcp/fault/" + fault.id() + "/connection/" + connectionIndex;
        return Seeds.generator(linkSeed, stream).nextDouble() < fault.toxicity();
    }

    private ScheduledFuture<?> schedule(long delayNanos, Runnable action) {
        return loop.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
    }

    private static void cancelTimer(Applied entry) {
        if (entry.timer != null) {
            entry.timer.cancel(false);
            entry.timer = null;
        }
    }
}
