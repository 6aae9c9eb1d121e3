package io.netharness.simulator.internal.model;

import io.netharness.simulator.Seeds;
import io.netharness.simulator.profile.LinkProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The decisions of one direction of a link: given a datagram's size and arrival time, its
 * {@link DatagramFate}. Deterministic: the same seed, profile changes and sequence of {@code (bytes, now)}
 * give the same fates, bit for bit.
 *
 * <p>Order of effects: MTU, loss, duplication; then for each copy: corruption, bandwidth (the copy leaves
 * the bottleneck when its last byte is out), latency, reordering hold. Each kind of decision draws from its
 * own generator, derived from the seed by {@link Seeds#derive(long, String)} with the stream names
 * {@code "loss"}, {@code "duplication"}, {@code "corruption"}, {@code "delay"} and {@code "reordering"}, so
 * changing e.g. the duplication rate leaves the loss pattern of the same seed unchanged.
 *
 * <p>Threads: {@link #decide(int, long)} from one thread at a time (a link's event loop);
 * {@link #profile(LinkProfile)} from any thread, taking effect at the next decision.
 */
public final class ImpairmentEngine {

    private final RandomGenerator lossRandom;
    private final RandomGenerator duplicationRandom;
    private final RandomGenerator corruptionRandom;
    private final RandomGenerator delayRandom;
    private final RandomGenerator reorderRandom;

    private volatile LinkProfile pending;
    private LinkProfile active;
    private LossModel loss;
    private DuplicationDecider duplication;
    private CorruptionDecider corruption;
    private DelaySampler delay;
    private TokenBucket bucket;
    private long lastDeparture = Long.MIN_VALUE;

    public ImpairmentEngine(long seed, LinkProfile profile) {
        lossRandom = Seeds.generator(seed, "loss");
        duplicationRandom = Seeds.generator(seed, "duplication");
        corruptionRandom = Seeds.generator(seed, "corruption");
        delayRandom = Seeds.generator(seed, "delay");
        reorderRandom = Seeds.generator(seed, "reordering");
        pending = Objects.requireNonNull(profile, "profile");
        apply(profile);
    }

    /** Sets the profile used from the next decision on; thread-safe. */
    public void profile(LinkProfile profile) {
        pending = Objects.requireNonNull(profile, "profile");
    }

    /** The profile that the next decision will use. */
    public LinkProfile profile() {
        return pending;
    }

    /** Decides the fate of a datagram of {@code bytes} payload bytes arriving at {@code nowNanos}. */
    public DatagramFate decide(int bytes, long nowNanos) {
        LinkProfile profile = pending;
        if (profile != active) {
            apply(profile);
        }
        int allowed = MtuLimiter.allowedBytes(profile.mtu(), bytes);
        if (allowed == MtuLimiter.DROP) {
            return new DatagramFate(DatagramFate.Outcome.TOO_BIG, 0, List.of());
        }
        if (loss.lose()) {
            return new DatagramFate(DatagramFate.Outcome.LOST, 0, List.of());
        }
        int copies = duplication.duplicate() ? 2 : 1;
        List<DatagramFate.Copy> out = new ArrayList<>(copies);
        for (int i = 0; i < copies; i++) {
            long corruptBit = corruption.bitToFlip(allowed);
            long leaves = nowNanos;
            if (bucket != null) {
                bucket.reserve(allowed, nowNanos);
                leaves = bucket.busyUntil();
            }
            long departure = leaves + delay.nextNanos();
            if (profile.latency().keepsOrder()) {
                // Order-preserving jitter: never before the copy decided before it (ties leave in arrival order).
                departure = Math.max(departure, lastDeparture);
            }
            lastDeparture = Math.max(lastDeparture, departure);
            double reorder = profile.reordering().probability();
            int holdGap = reorder > 0.0 && reorderRandom.nextDouble() < reorder ? profile.reordering().gap() : 0;
            out.add(new DatagramFate.Copy(departure, corruptBit, holdGap,
                    profile.reordering().maxHold().toNanos()));
        }
        DatagramFate.Outcome outcome = allowed < bytes ? DatagramFate.Outcome.TRUNCATED : DatagramFate.Outcome.DELIVERED;
        return new DatagramFate(outcome, allowed, out);
    }

    private void apply(LinkProfile profile) {
        // Models are rebuilt on a change, but keep drawing from the same generators, so a run with the same
        // changes at the same datagrams repeats exactly.
        if (active == null || !profile.loss().equals(active.loss())) {
            loss = LossModel.of(profile.loss(), lossRandom);
        }
        if (active == null || !profile.duplication().equals(active.duplication())) {
            duplication = new DuplicationDecider(profile.duplication(), duplicationRandom);
        }
        if (active == null || !profile.corruption().equals(active.corruption())) {
            corruption = new CorruptionDecider(profile.corruption(), corruptionRandom);
        }
        if (active == null || !profile.latency().equals(active.latency())) {
            delay = new DelaySampler(profile.latency(), delayRandom);
        }
        if (active == null || !profile.bandwidth().equals(active.bandwidth())) {
            bucket = profile.bandwidth().isUnlimited() ? null : new TokenBucket(profile.bandwidth().bytesPerSecond(), 0);
        }
        active = profile;
    }
}
