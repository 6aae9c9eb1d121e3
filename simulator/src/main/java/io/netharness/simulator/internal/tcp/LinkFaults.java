package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.Effect;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.internal.fault.Windows;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The faults that act on a TCP link itself ({@link Effect.Refuse}, {@link Effect.StallAccepts}, {@link Effect.Cut}):
 * opens and closes their windows on the link's control loop, timed from when each was added (the link's start for
 * faults given before it), and tells the listener or the relay. A periodic trigger's jitter draws from
 * {@code "tcp/fault/<fault#>/windows"}.
 *
 * <p>Threads: {@link #opensAtStart} runs before start, off the loops; everything else on the control loop.
 */
final class LinkFaults {

    /** What the effects act on. */
    interface Target {
        /** One more or one fewer refusal; completes once the listener is there. */
        Future<Void> refuse(boolean more);

        /** One more or one fewer stall; completes once the listener is there. */
        Future<Void> stall(boolean more);

        /** A fault's cut begins (with its mode) or ends. */
        void cut(Effect.Cut cut, boolean begins);
    }

    private static final class State {
        final Windows windows;
        final long originNanos;
        boolean open;
        ScheduledFuture<?> timer;

        State(Windows windows, long originNanos) {
            this.windows = windows;
            this.originNanos = originNanos;
        }
    }

    private final long linkSeed;
    private final Target target;
    private final Map<RegisteredFault, State> states = new IdentityHashMap<>();
    private EventLoop loop;

    LinkFaults(long linkSeed, Target target) {
        this.linkSeed = linkSeed;
        this.target = target;
    }

    /**
     * True if {@code fault}'s first window opens at once, so the listener must refuse or stall from the start; the
     * caller counts it in {@link #start}.
     */
    boolean opensAtStart(RegisteredFault fault) {
        Windows.Window first = windows(fault).next();
        return first != null && first.openNanos() <= 0;
    }

    /** Starts the windows of the faults registered before start; those {@link #opensAtStart} are open already. */
    void start(EventLoop controlLoop, Iterable<RegisteredFault> faults) {
        this.loop = controlLoop;
        long now = now();
        for (RegisteredFault fault : faults) {
            if (fault.onLink() && fault.isActive()) {
                State state = new State(windows(fault), now);
                states.put(fault, state);
                Windows.Window first = state.windows.next();
                if (first != null && first.openNanos() <= 0) {
                    state.open = true; // the listener started refusing or stalling, or the cut is counted
                    if (fault.fault().effect() instanceof Effect.Cut cut) {
                        target.cut(cut, true);
                    }
                    closeAt(fault, state, first);
                } else if (first != null) {
                    schedule(fault, state, first);
                }
            }
        }
    }

    /** A fault added to a started link; the future completes once its first window is in effect if due now. */
    Future<Void> add(RegisteredFault fault) {
        State state = new State(windows(fault), now());
        states.put(fault, state);
        Windows.Window first = state.windows.next();
        return first == null ? done() : schedule(fault, state, first);
    }

    /** A fault was removed (or the link closes): its window closes, its timers never fire. */
    Future<Void> remove(RegisteredFault fault) {
        State state = states.remove(fault);
        if (state == null) {
            return done();
        }
        if (state.timer != null) {
            state.timer.cancel(false);
        }
        return state.open ? effect(fault, false) : done();
    }

    private Future<Void> schedule(RegisteredFault fault, State state, Windows.Window window) {
        long delay = state.originNanos + window.openNanos() - now();
        if (delay <= 0) {
            Future<Void> opened = open(fault, state);
            closeAt(fault, state, window);
            return opened;
        }
        state.timer = loop.schedule(() -> {
            if (states.get(fault) == state) {
                open(fault, state);
                closeAt(fault, state, window);
            }
        }, delay, TimeUnit.NANOSECONDS);
        return done();
    }

    private void closeAt(RegisteredFault fault, State state, Windows.Window window) {
        if (window.closeNanos() == Windows.NEVER) {
            return;
        }
        long delay = Math.max(0, state.originNanos + window.closeNanos() - now());
        state.timer = loop.schedule(() -> {
            if (states.get(fault) != state) {
                return;
            }
            if (state.open) {
                state.open = false;
                effect(fault, false);
            }
            Windows.Window next = state.windows.next();
            if (next != null) {
                schedule(fault, state, next);
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    private Future<Void> open(RegisteredFault fault, State state) {
        if (state.open) {
            return done();
        }
        state.open = true;
        return effect(fault, true);
    }

    private Future<Void> effect(RegisteredFault fault, boolean begins) {
        Effect effect = fault.fault().effect();
        if (effect instanceof Effect.Refuse) {
            return target.refuse(begins);
        }
        if (effect instanceof Effect.StallAccepts) {
            return target.stall(begins);
        }
        target.cut((Effect.Cut) effect, begins);
        return done();
    }

    private Windows windows(RegisteredFault fault) {
        return Windows.of(fault.fault().trigger(), Seeds.generator(linkSeed, "tcp/fault/" + fault.id() + "/windows"));
    }

    private long now() {
        return loop == null ? System.nanoTime() : loop.ticker().nanoTime();
    }

    private static Future<Void> done() {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
    }
}
