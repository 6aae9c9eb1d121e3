/**
 * Implementation of {@link io.netharness.simulator.TcpLink}: the proxy plumbing, the per-direction delay line and
 * the connection faults. <strong>Not API</strong>: anything here may change without notice.
 */
package io.netharness.simulator.internal.tcp;
