/**
 * Ready-made servers for tests, built from harness-core's components: {@link io.netharness.core.servers.HarnessServer}
 * echoes or swallows TCP, UDP or multicast traffic and records what it received.
 */
package io.netharness.core.servers;
