/**
 * Multicast components: {@link io.netharness.core.multicast.MulticastSender} sends to a group,
 * {@link io.netharness.core.multicast.MulticastReceiver} joins and receives,
 * {@link io.netharness.core.multicast.MulticastTransceiver} does both. All use the loopback interface
 * unless told otherwise, and emit {@link io.netharness.core.udp.Datagram}s that carry their sender.
 *
 * <p>Use IPv4 groups (e.g. {@code 239.255.x.y}, administratively scoped) on loopback: Linux's {@code lo}
 * carries IPv4 multicast but no IPv6 multicast, so an IPv6 group on a loopback interface is refused when
 * the component is built rather than left to deliver nothing. The interface is always named on both the
 * joining and the sending side; left to the default route, multicast would leave the machine or fail.
 */
package io.netharness.core.multicast;
