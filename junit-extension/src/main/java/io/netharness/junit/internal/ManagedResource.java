package io.netharness.junit.internal;

/** A link or server started by the extension, closed by its {@link Registry}. */
interface ManagedResource {

    /**
     * Closes the resource and checks that it let go of its port.
     *
     * @param keepEvidence true when the test (or class) failed: capture files are kept
     * @throws Exception if closing failed or the port is still held
     */
    void close(boolean keepEvidence) throws Exception;
}
