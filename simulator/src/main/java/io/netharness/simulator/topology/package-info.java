/**
 * Network partitions: {@link io.netharness.simulator.topology.Partition}, groups of nodes that cannot reach each
 * other, applied by a {@link io.netharness.simulator.topology.Topology} of named nodes and the links between them.
 * The JUnit extension's {@code Network} uses the same model.
 */
package io.netharness.simulator.topology;
