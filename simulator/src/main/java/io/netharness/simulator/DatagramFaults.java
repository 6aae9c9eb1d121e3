package io.netharness.simulator;

import io.netharness.simulator.internal.Relay;
import io.netharness.simulator.internal.fault.Windows;
import io.netharness.simulator.profile.LinkProfile;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The {@link DatagramFault}s of a datagram link: opens and closes their windows on Netty's global timer thread
 * (timed from when each was added, or the link's start), lays an open profile change over the direction's own
 * profile, and keeps a fault's cut apart from the caller's. A periodic trigger's jitter draws from
 * {@code "<udp|multicast>/fault/<fault#>/windows"}. Package-private: {@link UdpLink} and {@link MulticastLink} expose
 * it. Thread-safe (one lock).
 */
final class DatagramFaults {

    private final Relay relay;
    private final long seed;
    private final String kind;
    private final Set<Direction> directions;
    private final EnumMap<Direction, LinkProfile> base = new EnumMap<>(Direction.class);
    private final List<Registered> faults = new ArrayList<>();
    private final List<Registered> openChanges = new ArrayList<>();
    private int faultCuts;
    private boolean callerCut;
    private long nextId;
    private boolean started;
    private boolean closed;

    /** Faults of {@code relay}, whose directions are {@code directions} ({@code kind}: "udp" or "multicast"). */
    DatagramFaults(Relay relay, long seed, String kind, Set<Direction> directions) {
        this.relay = relay;
        this.seed = seed;
        this.kind = kind;
        this.directions = EnumSet.copyOf(directions);
    }

    /** Registers {@code fault} in {@code direction} (null: every direction the link has). */
    synchronized FaultHandle add(Direction direction, DatagramFault fault) {
        if (closed) {
            throw new IllegalStateException("the link takes no faults after close()");
        }
        if (direction != null && !directions.contains(direction)) {
            throw new IllegalArgumentException("direction: " + direction + " (expected: " + directions
                    + ", the directions this link has)");
        }
        if (direction != null && fault.effect() instanceof Effect.Cut) {
            throw new IllegalArgumentException("direction: " + direction + " for " + fault + " (expected: none, as "
                    + fault.effect() + " acts on the link: add it with addFault(fault))");
        }
        Registered registered = new Registered(nextId++, direction, fault);
        faults.add(registered);
        if (started) {
            registered.begin(true);
        }
        return registered;
    }

    /** Opens the windows of faults given before start that open at once, so they act on the first datagram. */
    synchronized void beforeStart() {
        for (Registered fault : faults) {
            fault.begin(false);
        }
    }

    /** The link started: the faults' timers run from now. */
    synchronized void started() {
        started = true;
        for (Registered fault : faults) {
            fault.resume();
        }
    }

    synchronized List<FaultHandle> faults() {
        return List.copyOf(faults);
    }

    /** The caller's profile for {@code direction}; an open profile change stays on top of it. */
    synchronized void profile(Direction direction, LinkProfile profile) {
        base.put(direction, profile);
        apply(direction);
    }

    synchronized void cut(CutMode mode) {
        callerCut = true;
        relay.cut(mode);
    }

    synchronized void heal() {
        callerCut = false;
        if (faultCuts == 0) {
            relay.heal();
        }
    }

    /** The link closes: no window opens or closes any more. */
    synchronized void close() {
        closed = true;
        faults.forEach(Registered::cancel);
    }

    /** Gives the relay what is in force in {@code direction}: the newest open profile change, else the caller's. */
    private void apply(Direction direction) {
        LinkProfile profile = base.getOrDefault(direction, null);
        for (Registered open : openChanges) {
            if (open.covers(direction)) {
                profile = ((Effect.ProfileChange) open.fault.effect()).profile();
            }
        }
        if (profile != null) {
            relay.profile(direction, profile);
        }
    }

    private void remember(Direction direction) {
        base.computeIfAbsent(direction, relay::profile);
    }

    /** One fault as registered: its windows and timer. Guarded by the enclosing lock. */
    private final class Registered implements FaultHandle {
        private final long id;
        private final Direction direction;
        private final DatagramFault fault;
        private Windows windows;
        private Windows.Window pending;
        private long originNanos;
        private boolean open;
        private boolean active = true;
        private ScheduledFuture<?> timer;

        Registered(long id, Direction direction, DatagramFault fault) {
            this.id = id;
            this.direction = direction;
            this.fault = fault;
        }

        boolean covers(Direction candidate) {
            return direction == null ? directions.contains(candidate) : direction == candidate;
        }

        /** Starts the clock; opens the first window if due now; arms timers only if {@code timed}. */
        void begin(boolean timed) {
            windows = Windows.of(fault.trigger(), io.netharness.simulator.Seeds.generator(seed,
                    kind + "/fault/" + id + "/windows"));
            originNanos = System.nanoTime();
            pending = windows.next();
            if (pending != null && pending.openNanos() <= 0) {
                openWindow();
            }
            if (timed) {
                resume();
            }
        }

        /** Arms the timer for what is pending (the link has started). */
        void resume() {
            if (!active || closed || pending == null) {
                return;
            }
            long at = open ? pending.closeNanos() : pending.openNanos();
            if (at == Windows.NEVER) {
                return;
            }
            long delay = Math.max(0, originNanos + at - System.nanoTime());
            timer = GlobalEventExecutor.INSTANCE.schedule(this::fire, delay, TimeUnit.NANOSECONDS);
        }

        private void fire() {
            synchronized (DatagramFaults.this) {
                timer = null;
                if (!active || closed) {
                    return;
                }
                if (open) {
                    closeWindow();
                    pending = windows.next();
                } else {
                    openWindow();
                }
                resume();
            }
        }

        private void openWindow() {
            open = true;
            if (fault.effect() instanceof Effect.Cut cut) {
                faultCuts++;
                relay.cut(cut.mode());
            } else {
                for (Direction each : directions) {
                    if (covers(each)) {
                        remember(each);
                    }
                }
                openChanges.add(this);
                directions.stream().filter(this::covers).forEach(DatagramFaults.this::apply);
            }
        }

        private void closeWindow() {
            open = false;
            if (fault.effect() instanceof Effect.Cut) {
                if (--faultCuts == 0 && !callerCut) {
                    relay.heal();
                }
            } else {
                openChanges.remove(this);
                directions.stream().filter(this::covers).forEach(DatagramFaults.this::apply);
            }
        }

        void cancel() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        @Override
        public Optional<Direction> direction() {
            return Optional.ofNullable(direction);
        }

        @Override
        public DatagramFault fault() {
            return fault;
        }

        @Override
        public double toxicity() {
            return 1.0;
        }

        @Override
        public boolean isActive() {
            synchronized (DatagramFaults.this) {
                return active;
            }
        }

        @Override
        public void remove() {
            synchronized (DatagramFaults.this) {
                if (!active) {
                    return;
                }
                active = false;
                cancel();
                faults.remove(this);
                if (open && !closed) {
                    closeWindow();
                }
            }
        }

        @Override
        public String toString() {
            return "Fault#" + id + "{" + (direction == null ? "link" : direction.name().toUpperCase(Locale.ROOT))
                    + " " + fault + (active ? "" : ", removed") + "}";
        }
    }
}
