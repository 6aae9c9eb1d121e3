/**
 * UDP components: {@link io.netharness.core.udp.UdpPeer} sends chunks to a fixed or changeable target,
 * {@link io.netharness.core.udp.UdpPostboxPeer} sends each {@link io.netharness.core.udp.Datagram} to its own
 * recipient; both emit what they receive as {@code Datagram}s that carry their sender.
 */
package io.netharness.core.udp;
