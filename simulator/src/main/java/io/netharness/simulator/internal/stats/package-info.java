/** Thread-safe counters and delay histograms behind the statistics snapshots. <strong>Not API.</strong> */
package io.netharness.simulator.internal.stats;
