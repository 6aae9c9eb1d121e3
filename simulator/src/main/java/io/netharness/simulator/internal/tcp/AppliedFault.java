package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.Direction;
import io.netharness.simulator.Effect;
import io.netharness.simulator.Trigger;
import io.netharness.simulator.internal.fault.Windows;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Set;

/**
 * One fault as it applies to one connection: which directions, whether its window is open in each, and the state its
 * trigger and effect keep (bytes left before a stream point, the message count it started at, pending timers).
 * A plain holder: {@link ConnectionFaults} drives it. Threads: the connection's event loop only.
 */
final class AppliedFault {

    final RegisteredFault registered;
    final Effect effect;
    /** The trigger within the connection: the fault's own, or what an {@code onConnection} wraps. */
    final Trigger trigger;
    final Set<Direction> directions;
    private final boolean[] open = new boolean[2];
    /** Per direction: bytes still to pass before an {@code afterBytes} point; -1 once reached. */
    final long[] bytesLeft = {-1, -1};
    /** Per direction: the framing's message count when the fault reached the connection. */
    final long[] messageBase = new long[2];
    /** An effect on the connection at a message has fired (it fires at the first selected message only). */
    boolean firedAtMessage;
    Windows windows;
    long originNanos;
    ScheduledFuture<?> windowTimer;
    ScheduledFuture<?> effectTimer;
    /** A Toxiproxy reset's timer was started by data; later data does not restart it. */
    boolean triggered;
    /** The profiles a {@link Effect.ProfileChange} installs, made once so planners notice by identity. */
    final DirectionProfiles profiles;

    AppliedFault(RegisteredFault registered, Trigger trigger) {
        this.registered = registered;
        this.effect = registered.fault().effect();
        this.trigger = trigger;
        this.directions = registered.directions();
        this.profiles = effect instanceof Effect.ProfileChange change
                ? DirectionProfiles.perConnection(index -> change.profile()) : null;
        if (trigger instanceof Trigger.AfterBytes after) {
            for (Direction direction : directions) {
                bytesLeft[direction.ordinal()] = after.bytes();
            }
        }
    }

    boolean covers(Direction direction) {
        return directions.contains(direction);
    }

    /** True while the fault's window is open in {@code direction}. */
    boolean isOpen(Direction direction) {
        return open[direction.ordinal()];
    }

    void open(Direction direction, boolean isOpen) {
        open[direction.ordinal()] = isOpen;
    }

    /** True if this fault acts on messages of {@code direction} (it has a message trigger there). */
    boolean framesMessages(Direction direction) {
        return covers(direction) && trigger instanceof Trigger.OnMessage
                && (effect.scope() == Effect.Scope.MESSAGE || !firedAtMessage);
    }

    /** True while an {@code afterBytes} point of {@code direction} is still ahead. */
    boolean awaitsBytes(Direction direction) {
        return bytesLeft[direction.ordinal()] >= 0;
    }

    void cancelTimers() {
        if (windowTimer != null) {
            windowTimer.cancel(false);
            windowTimer = null;
        }
        cancelEffectTimer();
    }

    void cancelEffectTimer() {
        if (effectTimer != null) {
            effectTimer.cancel(false);
            effectTimer = null;
        }
    }

    @Override
    public String toString() {
        return registered.toString();
    }
}
