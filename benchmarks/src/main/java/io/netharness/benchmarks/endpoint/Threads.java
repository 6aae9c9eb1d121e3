package io.netharness.benchmarks.endpoint;

/** The dedicated threads of blocking endpoints and hops: started as daemons, joined with a limit on close. */
public final class Threads {

    private static final long JOIN_LIMIT_MILLIS = 5_000;

    private Threads() {
    }

    /** Starts {@code body} on a daemon thread named {@code name}, so a forgotten close cannot keep the JVM up. */
    public static Thread startDaemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for {@code thread} to end (its socket was closed); one still running after 5 s is a bug, said loudly. */
    public static void join(Thread thread) {
        try {
            thread.join(JOIN_LIMIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " thread did not stop within 5 s");
        }
    }
}
