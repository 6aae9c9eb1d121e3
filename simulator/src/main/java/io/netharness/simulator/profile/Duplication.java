package io.netharness.simulator.profile;

import io.netharness.simulator.internal.Check;

/**
 * Sends some datagrams (or chunks) twice, like netem's {@code duplicate P}. The copy follows the original with its
 * own delay draw, so it may arrive before or after it. A correlation makes duplicates cluster without changing their
 * share, as for {@link Loss.Random} (netem's correlation lowers the share instead).
 *
 * @param probability long-run share of datagrams duplicated, 0.0-1.0
 * @param correlation 0.0-1.0, how much each decision follows the previous one; the share stays {@code probability}
 *                    (the same model as {@link Loss.Random})
 */
public record Duplication(double probability, double correlation) {

    /** Never duplicates. */
    public static final Duplication NONE = new Duplication(0.0, 0.0);

    /** Validates both fields. */
    public Duplication {
        Check.probability("duplication", probability);
        Check.probability("duplication.correlation", correlation);
    }

    /** Duplicates each datagram independently with the given probability. */
    public static Duplication of(double probability) {
        return new Duplication(probability, 0.0);
    }
}
