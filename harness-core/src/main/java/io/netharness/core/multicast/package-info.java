/**
 * Multicast components: {@link io.netharness.core.multicast.MulticastSender} sends to a group,
 * {@link io.netharness.core.multicast.MulticastReceiver} joins and receives,
 * {@link io.netharness.core.multicast.MulticastTransceiver} does both. All use the loopback interface
 * unless told otherwise, and emit {@link io.netharness.core.udp.Datagram}s that carry their sender.
 */
package io.netharness.core.multicast;
