/**
 * Seeded, deterministic network impairment: the profile values ({@link io.netharness.simulator.LinkProfile}
 * and its parts), the links that apply them ({@link io.netharness.simulator.SimulatedLink}, and those run in this
 * JVM, {@link io.netharness.simulator.InProcessLink}:
 * {@link io.netharness.simulator.TcpLink}, {@link io.netharness.simulator.UdpLink},
 * {@link io.netharness.simulator.MulticastLink}), their statistics, groups of links cut and healed together
 * ({@link io.netharness.simulator.Network}, {@link io.netharness.simulator.Partition}), faults that act when a
 * {@link io.netharness.simulator.Trigger} says with an {@link io.netharness.simulator.Effect}
 * ({@link io.netharness.simulator.ConnectionFault} for TCP links, at set-up, on bytes or on messages a
 * {@link io.netharness.simulator.Framer} finds; {@link io.netharness.simulator.DatagramFault} for datagram links),
 * and Kamaelia-style stream components on the same models ({@link io.netharness.simulator.StreamImpairment}).
 */
package io.netharness.simulator;
