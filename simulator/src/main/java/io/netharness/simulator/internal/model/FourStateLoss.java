package io.netharness.simulator.internal.model;

import io.netharness.simulator.profile.Loss;
import java.util.random.RandomGenerator;

/**
 * {@link Loss.FourState}, as netem's {@code loss_4state}: one uniform draw per datagram moves the chain, and
 * the datagram is lost when the chain enters (or stays in) a losing state: 3 (burst loss) or 4 (isolated
 * loss). From state 4 the chain always returns to 1 with the next datagram, which is delivered.
 */
final class FourStateLoss implements LossModel {

    private static final int GOOD = 1;
    private static final int BURST_GOOD = 2;
    private static final int BURST_LOSS = 3;
    private static final int ISOLATED_LOSS = 4;

    private final Loss.FourState model;
    private final RandomGenerator random;
    private int state = GOOD;

    FourStateLoss(Loss.FourState model, RandomGenerator random) {
        this.model = model;
        this.random = random;
    }

    @Override
    public boolean lose() {
        double u = random.nextDouble();
        switch (state) {
            case GOOD -> {
                if (u < model.p14()) {
                    state = ISOLATED_LOSS;
                } else if (u < model.p14() + model.p13()) {
                    state = BURST_LOSS;
                }
            }
            case BURST_GOOD -> {
                if (u < model.p23()) {
                    state = BURST_LOSS;
                }
            }
            case BURST_LOSS -> {
                if (u < model.p32()) {
                    state = BURST_GOOD;
                } else if (u < model.p32() + model.p31()) {
                    state = GOOD;
                }
            }
            default -> state = GOOD; // ISOLATED_LOSS lasts exactly one datagram
        }
        return state == BURST_LOSS || state == ISOLATED_LOSS;
    }
}
