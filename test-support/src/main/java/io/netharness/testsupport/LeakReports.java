package io.netharness.testsupport;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects every leak that Netty's {@link ResourceLeakDetector} reports in this JVM, so that the build can
 * fail on them instead of only logging them.
 *
 * <p>The recording factory must be installed before the first Netty buffer class is initialised, which is
 * why {@link LeakRecordingSessionListener} does it when the JUnit launcher session opens.
 */
public final class LeakReports {

    private static final Queue<String> REPORTED = new ConcurrentLinkedQueue<>();
    private static volatile boolean installed;

    private LeakReports() {}

    /** Installs the recording detector factory; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        installed = true;
    }

    /** Returns and forgets the leaks reported since the last call. */
    public static List<String> drain() {
        List<String> leaks = new ArrayList<>();
        for (String leak; (leak = REPORTED.poll()) != null; ) {
            leaks.add(leak);
        }
        return leaks;
    }

    static void record(String resourceType, String records) {
        REPORTED.add("LEAK of " + resourceType + ":" + System.lineSeparator() + records);
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                Class<T> resource, int samplingInterval, long maxActive) {
            ResourceLeakDetector<T> detector = new ResourceLeakDetector<>(resource, samplingInterval);
            detector.setLeakListener(LeakReports::record);
            return detector;
        }
    }
}
