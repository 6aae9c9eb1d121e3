/** The {@code serve} command line's parsing and its live statistics. Not API: may change without notice. */
package io.netharness.toxiproxy.internal.cli;
