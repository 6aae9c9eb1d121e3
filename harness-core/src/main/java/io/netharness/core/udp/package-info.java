/**
 * Datagram components, each one UDP socket: {@link io.netharness.core.udp.UdpPeer} sends chunks to a fixed or
 * changeable target, {@link io.netharness.core.udp.UdpPostboxPeer} sends each
 * {@link io.netharness.core.udp.Datagram} to its own recipient; {@link io.netharness.core.udp.MulticastSender}
 * sends to a group, {@link io.netharness.core.udp.MulticastReceiver} joins and receives,
 * {@link io.netharness.core.udp.MulticastTransceiver} does both. All emit what they receive as {@code Datagram}s
 * that carry their sender.
 *
 * <p>Multicast uses the loopback interface unless told otherwise. Use IPv4 groups (e.g. {@code 239.255.x.y},
 * administratively scoped) on loopback: Linux's {@code lo} carries IPv4 multicast but no IPv6 multicast, so an
 * IPv6 group on a loopback interface is refused when the component is built rather than left to deliver
 * nothing. The interface is always named on both the joining and the sending side; left to the default route,
 * multicast would leave the machine or fail.
 */
package io.netharness.core.udp;
