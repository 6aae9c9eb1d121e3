/**
 * AssertJ assertions over links, their statistics and in-process servers; start at
 * {@link io.netharness.junit.assertj.NetHarnessAssertions}. Failure messages print the actual figures and, for
 * links, the seed that replays them.
 */
package io.netharness.junit.assertj;
