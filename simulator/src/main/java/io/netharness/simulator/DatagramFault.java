package io.netharness.simulator;

import io.netharness.simulator.internal.FaultRules;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.util.Objects;

/**
 * A fault of a datagram link ({@link UdpLink}, {@link MulticastLink}): a {@link Trigger} of time composed with one of
 * the effects a datagram link has, a {@link Effect.ProfileChange profile change} (loss, duplication, reordering,
 * corruption, latency, bandwidth or MTU for a while) or a {@link Effect.Cut cut}.
 *
 * <pre>{@code
 * // every second, 200 ms in which every datagram upstream is lost
 * link.addFault(Direction.UPSTREAM, DatagramFault.of(Trigger.after(Duration.ofSeconds(1))
 *         .thenEvery(Duration.ofSeconds(1)).lasting(Duration.ofMillis(200)),
 *         Effect.profile(LinkProfile.builder().loss(Loss.random(1.0)).build())));
 * }</pre>
 *
 * <p>Times count from when the fault was added (the link's start for faults given to its builder). While a profile
 * change is open, it replaces the direction's profile, per datagram from the next one on, as {@code profile(...)}
 * does; a profile set by the caller meanwhile applies once the window closes. A fault's cut and the caller's
 * {@code cut()} are separate, as on a TCP link. Windows are timed on a shared timer thread, precise to about a
 * millisecond; the datagrams themselves keep the link's event-loop timing.
 *
 * @param trigger when: {@link Trigger#onConnect()} (at once), after, between, periodic
 * @param effect  what: {@link Effect#profile(LinkProfile)} or {@link Effect#cut(CutMode)}
 */
public record DatagramFault(Trigger trigger, Effect effect) implements LinkFault {

    public DatagramFault {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(effect, "effect");
        if (!(effect instanceof Effect.ProfileChange || effect instanceof Effect.Cut)) {
            throw new IllegalArgumentException("effect: " + effect + " (expected: a profile change or a cut, the"
                    + " effects a datagram link has; loss, duplication, reordering and corruption are profile"
                    + " changes)");
        }
        if (!FaultRules.isOfTime(trigger)) {
            throw new IllegalArgumentException("trigger: " + trigger + " for " + effect + " (expected: a trigger of"
                    + " time (onConnect, after, between, periodic), as a datagram link has no connections)");
        }
        FaultRules.check(trigger, effect);
    }

    /** {@code effect} when {@code trigger} says. */
    public static DatagramFault of(Trigger trigger, Effect effect) {
        return new DatagramFault(trigger, effect);
    }

    @Override
    public String toString() {
        return effect + " " + trigger;
    }
}
