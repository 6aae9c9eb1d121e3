package io.netharness.junit.assertj;

import io.netharness.core.Format;
import io.netharness.core.servers.HarnessServer;
import java.time.Duration;
import org.assertj.core.api.AbstractObjectAssert;

/** Assertions on what an echo or sink {@link HarnessServer} received, waiting up to a given time. */
public class HarnessServerAssert extends AbstractObjectAssert<HarnessServerAssert, HarnessServer> {

    HarnessServerAssert(HarnessServer actual) {
        super(actual, HarnessServerAssert.class);
    }

    /** Passes as soon as what the server received, as UTF-8, contains {@code text}; fails after {@code timeout}. */
    public HarnessServerAssert receivedWithin(Duration timeout, String text) {
        isNotNull();
        if (!await(received -> received.contains(text), timeout)) {
            failWithMessage("%s", "Expecting " + actual + " to receive \"" + text + "\" within "
                    + Format.duration(timeout)
                    + " but it received " + actual.bytesReceived() + " bytes: \"" + actual.receivedUtf8() + "\"");
        }
        return this;
    }

    /** Passes as soon as the server received at least {@code bytes} bytes; fails after {@code timeout}. */
    public HarnessServerAssert receivedBytesWithin(Duration timeout, long bytes) {
        isNotNull();
        if (!await(received -> actual.bytesReceived() >= bytes, timeout)) {
            failWithMessage("%s", "Expecting " + actual + " to receive at least " + bytes + " bytes within "
                    + Format.duration(timeout)
                    + " but it received " + actual.bytesReceived());
        }
        return this;
    }

    /** Passes if the server received nothing so far. */
    public HarnessServerAssert receivedNothing() {
        isNotNull();
        if (actual.bytesReceived() != 0) {
            failWithMessage("%s", "Expecting " + actual + " to have received nothing but it received "
                    + actual.bytesReceived() + " bytes: \"" + actual.receivedUtf8() + "\"");
        }
        return this;
    }

    private boolean await(java.util.function.Predicate<String> condition, Duration timeout) {
        try {
            return actual.awaitReceived(condition, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + actual, e);
        }
    }
}
