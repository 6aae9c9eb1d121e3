/**
 * Seeded, deterministic network impairment: the profile values ({@link io.netharness.simulator.LinkProfile}
 * and its parts), the links that apply them ({@link io.netharness.simulator.SimulatedLink}), their statistics
 * and {@link io.netharness.simulator.Partition}s of links.
 */
package io.netharness.simulator;
