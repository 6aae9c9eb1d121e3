/**
 * Pure-Java, Netty-free decision models of the simulator: delay samplers, loss models, duplication,
 * corruption and reordering deciders, the token bucket, the MTU check and the per-direction
 * {@link io.netharness.simulator.internal.model.ImpairmentEngine} that combines them. Every random draw comes
 * from an injected {@link java.util.random.RandomGenerator} and every time from the caller, so a model fed the
 * same seed and the same inputs makes the same decisions; math goes through {@link java.lang.StrictMath} so
 * this holds on every JDK and CPU. <strong>Not API.</strong>
 */
package io.netharness.simulator.internal.model;
