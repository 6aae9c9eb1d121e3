/**
 * Kamaelia-style components that impair a stream of messages between an inbox and an outbox, on the same seeded
 * models as the links: {@link io.netharness.simulator.stream.StreamImpairment}.
 */
package io.netharness.simulator.stream;
