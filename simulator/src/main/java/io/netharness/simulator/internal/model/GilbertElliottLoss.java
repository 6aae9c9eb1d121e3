package io.netharness.simulator.internal.model;

import io.netharness.simulator.profile.Loss;
import java.util.random.RandomGenerator;

/**
 * {@link Loss.GilbertElliott}: starts in the good state; for every datagram first the loss is drawn with the
 * current state's probability, then the state may change (good to bad with {@code p}, bad to good with
 * {@code r}). The time spent in bad is geometric with mean {@code 1 / r} datagrams.
 */
final class GilbertElliottLoss implements LossModel {

    private final Loss.GilbertElliott model;
    private final RandomGenerator random;
    private boolean bad;

    GilbertElliottLoss(Loss.GilbertElliott model, RandomGenerator random) {
        this.model = model;
        this.random = random;
    }

    @Override
    public boolean lose() {
        double lossProbability = bad ? model.lossInBad() : model.lossInGood();
        boolean lost = lossProbability >= 1.0 || (lossProbability > 0.0 && random.nextDouble() < lossProbability);
        double leave = bad ? model.r() : model.p();
        if (random.nextDouble() < leave) {
            bad = !bad;
        }
        return lost;
    }

    boolean inBadState() {
        return bad;
    }
}
