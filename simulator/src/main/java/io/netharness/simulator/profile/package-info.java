/**
 * What a link does to traffic in one direction, as immutable values: {@link io.netharness.simulator.profile.LinkProfile}
 * and its parts ({@link io.netharness.simulator.profile.Latency}, {@link io.netharness.simulator.profile.Loss},
 * {@link io.netharness.simulator.profile.Duplication}, {@link io.netharness.simulator.profile.Reordering},
 * {@link io.netharness.simulator.profile.Corruption}, {@link io.netharness.simulator.profile.Bandwidth},
 * {@link io.netharness.simulator.profile.Mtu}), and {@link io.netharness.simulator.profile.ConnectionProfiles} for
 * a profile per TCP connection.
 */
package io.netharness.simulator.profile;
