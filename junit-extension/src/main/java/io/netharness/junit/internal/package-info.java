/**
 * Implementation of the NetHarness JUnit extension. <strong>Not API</strong>: anything here may change or
 * disappear in any release; use the annotations and assertions of {@code io.netharness.junit}.
 */
package io.netharness.junit.internal;
