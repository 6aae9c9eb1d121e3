/**
 * Implementation of the simulator. <strong>Not API</strong>: anything here may change without notice, even
 * where a class is public so that the simulator's own packages can share it.
 */
package io.netharness.simulator.internal;
