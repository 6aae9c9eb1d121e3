/**
 * Implementation of the UDP and multicast links (datagram relay, NAT-like client sessions, timed departure
 * queue). Not API: may change without notice.
 */
package io.netharness.simulator.internal.udp;
