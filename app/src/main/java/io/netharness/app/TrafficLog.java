package io.netharness.app;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/** Prints demo events as they happen, from any thread, each stamped with the time since the demo began. */
final class TrafficLog {

    private final PrintStream out;
    private final long began = System.nanoTime();

    TrafficLog(PrintStream out) {
        this.out = out;
    }

    /** {@code [+  12 ms] tcp   message}. */
    synchronized void print(String area, String message) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        out.printf("[+%5d ms] %-9s %s%n", millis, area, message);
        out.flush();
    }

    synchronized void plain(String message) {
        out.println(message);
        out.flush();
    }
}
