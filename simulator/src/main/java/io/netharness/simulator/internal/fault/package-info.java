/**
 * What faults share across kinds of link: the windows a trigger of time opens. <strong>Not API</strong>.
 */
package io.netharness.simulator.internal.fault;
