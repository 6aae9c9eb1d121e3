package io.netharness.junit.internal;

import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.Direction;

/**
 * A validated {@code @Fault}.
 *
 * @param direction where it applies
 * @param fault what it does
 * @param toxicity share of connections affected, 0..1
 */
public record FaultSpec(Direction direction, ConnectionFault fault, double toxicity) {}
