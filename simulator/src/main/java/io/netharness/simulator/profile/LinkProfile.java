package io.netharness.simulator.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one direction of a simulated link does to the traffic crossing it. Immutable; a link holds one
 * profile per {@link io.netharness.simulator.Direction} and can be given a new one at run time.
 *
 * <p>Order of effects on a datagram: MTU check, loss, duplication, corruption, bandwidth queueing, latency,
 * reordering hold.
 *
 * <pre>{@code
 * LinkProfile lossy = LinkProfile.builder()
 *         .latency(Latency.of(Duration.ofMillis(20), Duration.ofMillis(5)))
 *         .loss(Loss.random(0.02))
 *         .build();
 * LinkProfile worse = lossy.withLoss(Loss.gilbert(0.01, 0.3));
 * }</pre>
 *
 * @param latency     added one-way delay
 * @param loss        which datagrams are lost
 * @param duplication which datagrams are sent twice
 * @param reordering  which datagrams are held back so others overtake them
 * @param corruption  which datagrams get a bit flipped
 * @param bandwidth   rate limit
 * @param mtu         largest datagram (UDP only)
 */
public record LinkProfile(Latency latency, Loss loss, Duplication duplication, Reordering reordering,
        Corruption corruption, Bandwidth bandwidth, Mtu mtu) {

    /** Changes nothing: no delay, no loss, unlimited. */
    public static final LinkProfile PERFECT = new LinkProfile(Latency.NONE, Loss.NONE, Duplication.NONE,
            Reordering.NONE, Corruption.NONE, Bandwidth.UNLIMITED, Mtu.UNLIMITED);

    /** Refuses null parts; use the {@code NONE}/{@code UNLIMITED} constants instead. */
    public LinkProfile {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(duplication, "duplication");
        Objects.requireNonNull(reordering, "reordering");
        Objects.requireNonNull(corruption, "corruption");
        Objects.requireNonNull(bandwidth, "bandwidth");
        Objects.requireNonNull(mtu, "mtu");
    }

    /** A builder starting from {@link #PERFECT}. */
    public static Builder builder() {
        return new Builder(PERFECT);
    }

    /** A builder starting from this profile. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public LinkProfile withLatency(Latency newLatency) {
        return toBuilder().latency(newLatency).build();
    }

    public LinkProfile withLoss(Loss newLoss) {
        return toBuilder().loss(newLoss).build();
    }

    public LinkProfile withDuplication(Duplication newDuplication) {
        return toBuilder().duplication(newDuplication).build();
    }

    public LinkProfile withReordering(Reordering newReordering) {
        return toBuilder().reordering(newReordering).build();
    }

    public LinkProfile withCorruption(Corruption newCorruption) {
        return toBuilder().corruption(newCorruption).build();
    }

    public LinkProfile withBandwidth(Bandwidth newBandwidth) {
        return toBuilder().bandwidth(newBandwidth).build();
    }

    public LinkProfile withMtu(Mtu newMtu) {
        return toBuilder().mtu(newMtu).build();
    }

    /** Lists only what differs from {@link #PERFECT}, so failure reports stay short. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        addIfChanged(parts, latency, Latency.NONE);
        addIfChanged(parts, loss, Loss.NONE);
        addIfChanged(parts, duplication, Duplication.NONE);
        addIfChanged(parts, reordering, Reordering.NONE);
        addIfChanged(parts, corruption, Corruption.NONE);
        addIfChanged(parts, bandwidth, Bandwidth.UNLIMITED);
        addIfChanged(parts, mtu, Mtu.UNLIMITED);
        return parts.isEmpty() ? "LinkProfile.PERFECT" : "LinkProfile" + parts;
    }

    private static void addIfChanged(List<String> parts, Object value, Object perfect) {
        if (!value.equals(perfect)) {
            parts.add(value.toString());
        }
    }

    /** Fluent builder; every part defaults to that of the profile it started from. */
    public static final class Builder {
        private Latency latency;
        private Loss loss;
        private Duplication duplication;
        private Reordering reordering;
        private Corruption corruption;
        private Bandwidth bandwidth;
        private Mtu mtu;

        private Builder(LinkProfile from) {
            latency = from.latency;
            loss = from.loss;
            duplication = from.duplication;
            reordering = from.reordering;
            corruption = from.corruption;
            bandwidth = from.bandwidth;
            mtu = from.mtu;
        }

        public Builder latency(Latency value) {
            latency = value;
            return this;
        }

        public Builder loss(Loss value) {
            loss = value;
            return this;
        }

        public Builder duplication(Duplication value) {
            duplication = value;
            return this;
        }

        public Builder reordering(Reordering value) {
            reordering = value;
            return this;
        }

        public Builder corruption(Corruption value) {
            corruption = value;
            return this;
        }

        public Builder bandwidth(Bandwidth value) {
            bandwidth = value;
            return this;
        }

        public Builder mtu(Mtu value) {
            mtu = value;
            return this;
        }

        /** The profile; fails on a missing part. */
        public LinkProfile build() {
            return new LinkProfile(latency, loss, duplication, reordering, corruption, bandwidth, mtu);
        }
    }
}
