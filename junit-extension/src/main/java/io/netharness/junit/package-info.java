/**
 * NetHarness for JUnit Jupiter: {@link io.netharness.junit.SimulatedLink @SimulatedLink} and
 * {@link io.netharness.junit.InProcessServer @InProcessServer} inject impaired links and in-process servers into
 * fields and parameters; {@link io.netharness.junit.NetHarnessSeed @NetHarnessSeed} replays a run;
 * {@link io.netharness.junit.Network} changes the network while a test runs. Assertions live in
 * {@code io.netharness.junit.assertj}; {@code io.netharness.junit.internal} is not API.
 */
package io.netharness.junit;
