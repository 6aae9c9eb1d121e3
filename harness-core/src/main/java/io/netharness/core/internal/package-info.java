/**
 * Implementation of NetHarness's core components. <b>Not API</b>: anything here may change or disappear in
 * any release; use the types of {@code io.netharness.core} and its other subpackages instead.
 */
package io.netharness.core.internal;
