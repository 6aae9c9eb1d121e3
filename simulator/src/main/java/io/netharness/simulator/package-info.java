/**
 * Seeded, deterministic network impairment: the links ({@link io.netharness.simulator.Link}, and those run in
 * this JVM, {@link io.netharness.simulator.InProcessLink}: {@link io.netharness.simulator.TcpLink},
 * {@link io.netharness.simulator.UdpLink}, {@link io.netharness.simulator.MulticastLink}), their statistics, and
 * faults that act when a {@link io.netharness.simulator.Trigger} says with an
 * {@link io.netharness.simulator.Effect} ({@link io.netharness.simulator.ConnectionFault} for TCP links, at set-up,
 * on bytes or on messages a {@link io.netharness.simulator.Framer} finds;
 * {@link io.netharness.simulator.DatagramFault} for datagram links). The values a link applies are in
 * {@link io.netharness.simulator.profile}, groups of links cut and healed together in
 * {@link io.netharness.simulator.topology}, Kamaelia-style stream components in
 * {@link io.netharness.simulator.stream}.
 */
package io.netharness.simulator;
