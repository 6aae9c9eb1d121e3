package io.netharness.simulator.internal.model;

import io.netharness.simulator.profile.Loss;
import java.util.random.RandomGenerator;

/** Decides, datagram by datagram, whether one is lost. Stateful, single-threaded. */
public interface LossModel {

    /** Moves the model on by one datagram; true if that datagram is lost. */
    boolean lose();

    /** The model of a {@link Loss} value, drawing from the given generator. */
    static LossModel of(Loss loss, RandomGenerator random) {
        if (loss instanceof Loss.None) {
            return () -> false;
        } else if (loss instanceof Loss.Random bernoulli) {
            return new BernoulliLoss(bernoulli, random);
        } else if (loss instanceof Loss.GilbertElliott gilbertElliott) {
            return new GilbertElliottLoss(gilbertElliott, random);
        } else if (loss instanceof Loss.FourState fourState) {
            return new FourStateLoss(fourState, random);
        }
        throw new IllegalArgumentException("loss: " + loss + " (expected: a known Loss model)");
    }
}
