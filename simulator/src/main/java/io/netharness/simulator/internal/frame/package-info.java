/**
 * The built-in {@link io.netharness.simulator.Framer}s: lines, length prefixes, HTTP/1.1 and Redis RESP.
 * <strong>Not API</strong>: use the factories of {@code Framer}.
 */
package io.netharness.simulator.internal.frame;
