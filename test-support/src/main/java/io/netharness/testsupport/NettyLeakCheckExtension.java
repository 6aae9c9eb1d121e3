package io.netharness.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test (or, after a garbage collection, its class) when Netty reported a leaked buffer.
 *
 * <p>Registered for every test of the build through extension auto-detection. Netty only notices a leak when
 * the leaked buffer has been collected and another buffer is then allocated, so the class-level check forces
 * a collection and allocates a few buffers of each kind; a leak may therefore be blamed on a later class of
 * the same JVM, but it is never ignored.
 */
public final class NettyLeakCheckExtension implements AfterEachCallback, AfterAllCallback {

    private static final int COLLECTION_ROUNDS = 3;

    @Override
    public void afterEach(ExtensionContext context) {
        failOnLeaks(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        for (int round = 0; round < COLLECTION_ROUNDS; round++) {
            System.gc();
            Thread.sleep(20); // lets the reference handler enqueue what the collection found
            touchEveryDetector();
        }
        failOnLeaks(context);
    }

    private static void touchEveryDetector() {
        release(Unpooled.buffer(1));
        release(Unpooled.directBuffer(1));
        release(PooledByteBufAllocator.DEFAULT.heapBuffer(1));
        release(PooledByteBufAllocator.DEFAULT.directBuffer(1));
        release(ByteBufAllocator.DEFAULT.buffer(1));
    }

    private static void release(ByteBuf buffer) {
        buffer.release();
    }

    private static void failOnLeaks(ExtensionContext context) {
        List<String> leaks = LeakReports.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " leaked resource(s) by the end of "
                    + context.getDisplayName() + ":" + System.lineSeparator()
                    + String.join(System.lineSeparator(), leaks));
        }
    }
}
