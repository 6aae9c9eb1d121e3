package io.netharness.benchmarks.scenario;

import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory of this JVM at one moment, after a full collection: heap in use, direct buffers (the JDK's pool
 * and Netty's own counter, which the JDK pool does not see) and the resident set size from /proc.
 */
record MemorySnapshot(long heapUsed, long directBytes, long residentBytes) {

    static MemorySnapshot take() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc(); // several passes: objects with cleaners need a second one
            Thread.sleep(50);
        }
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        long direct = Math.max(0, PlatformDependent.usedDirectMemory());
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct += pool.getMemoryUsed();
            }
        }
        return new MemorySnapshot(heap, direct, readResidentBytes());
    }

    MemorySnapshot minus(MemorySnapshot before) {
        return new MemorySnapshot(heapUsed - before.heapUsed, directBytes - before.directBytes,
                residentBytes - before.residentBytes);
    }

    private static long readResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0; // not Linux: the other two figures still stand
        }
        return 0;
    }
}
