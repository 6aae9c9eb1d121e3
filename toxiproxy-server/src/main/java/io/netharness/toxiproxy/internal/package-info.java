/**
 * Implementation of the Toxiproxy-compatible server: HTTP routing, JSON mapping, the proxy registry and the
 * adapter onto the simulator's links. <strong>Not API</strong>: anything here may change without notice; use
 * the types of {@code io.netharness.toxiproxy}.
 */
package io.netharness.toxiproxy.internal;
