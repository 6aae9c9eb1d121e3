/**
 * NetHarness's component model: {@link io.netharness.core.Component}s with typed
 * {@link io.netharness.core.Inbox}es and {@link io.netharness.core.Outbox}es, {@link io.netharness.core.Lifecycle}
 * messages, {@link io.netharness.core.Pipeline}s, the immutable {@link io.netharness.core.Chunk} data message,
 * and the {@link io.netharness.core.Transport} choice. Network components live in {@code .tcp}, {@code .udp}
 * and {@code .multicast}.
 */
package io.netharness.core;
