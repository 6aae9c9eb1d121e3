/** Writes what crossed a link as a classic pcap file with synthesised IP/UDP/TCP headers. <strong>Not API.</strong> */
package io.netharness.simulator.internal.pcap;
