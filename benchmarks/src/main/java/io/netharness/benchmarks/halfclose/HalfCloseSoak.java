package io.netharness.benchmarks.halfclose;

import io.netharness.core.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The half-close soak: every case of {@link HalfCloseCase#all()} run many times (1,000 by default), spread over
 * a few workers, each with its own upstreams and {@code serve} process. Prints, per case, how many runs delivered
 * the 8 MiB intact and how the others failed: truncated (silent loss), reset, timeout. Exits 1 if any failed.
 *
 * <p>Arguments: runs per case (1000), workers (2), timeout per transfer in seconds (60).
 */
public final class HalfCloseSoak {

    private HalfCloseSoak() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Duration timeout = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 60);
        List<HalfCloseCase> cases = HalfCloseCase.all();
        ConcurrentLinkedQueue<HalfCloseCase> work = new ConcurrentLinkedQueue<>();
        for (int run = 0; run < runs; run++) {
            work.addAll(cases);
        }
        Map<HalfCloseCase, AtomicLongArray> outcomes = new ConcurrentHashMap<>();
        cases.forEach(c -> outcomes.put(c, new AtomicLongArray(TransferFailed.Kind.values().length + 1)));
        List<String> examples = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Instant start = Instant.now();
        System.out.printf(Locale.ROOT, "half-close soak: %d cases x %d runs, %d workers, transport %s, started %s%n",
                cases.size(), runs, workers, Transport.name(), start);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            running.add(pool.submit(() -> {
                try (HalfCloseMatrix matrix = new HalfCloseMatrix(timeout)) {
                    for (HalfCloseCase c; (c = work.poll()) != null; ) {
                        int slot = 0;
                        try {
                            matrix.run(c);
                        } catch (TransferFailed failed) {
                            slot = failed.kind().ordinal() + 1;
                            synchronized (examples) {
                                if (examples.size() < 20) {
                                    examples.add(c + ": " + failed.getMessage());
                                }
                            }
                        }
                        outcomes.get(c).incrementAndGet(slot);
                        if (slot != 0) {
                            failures.incrementAndGet();
                        }
                        progress(done.incrementAndGet(), (long) runs * cases.size(), failures.get(), start);
                    }
                    matrix.drainUpstreamFailures();
                }
                return null;
            }));
        }
        for (Future<?> worker : running) {
            worker.get();
        }
        pool.shutdown();
        long failed = print(cases, outcomes, Duration.between(start, Instant.now()));
        examples.forEach(example -> System.out.println("  example: " + example));
        System.exit(failed == 0 ? 0 : 1);
    }

    /** A line every 1,000 runs, so that a soak stopped early still tells how far it got and what it found. */
    private static void progress(long done, long total, long failures, Instant start) {
        if (done % 1000 == 0) {
            System.out.printf(Locale.ROOT, "progress: %d of %d runs, %d failed so far, %d s%n", done, total,
                    failures, Duration.between(start, Instant.now()).toSeconds());
        }
    }

    private static long print(List<HalfCloseCase> cases, Map<HalfCloseCase, AtomicLongArray> outcomes,
            Duration elapsed) {
        System.out.printf(Locale.ROOT, "%-64s %6s %9s %6s %7s%n", "case", "intact", "truncated", "reset", "timeout");
        EnumMap<TransferFailed.Kind, Long> totals = new EnumMap<>(TransferFailed.Kind.class);
        long intact = 0;
        for (HalfCloseCase c : cases) {
            AtomicLongArray counts = outcomes.get(c);
            intact += counts.get(0);
            for (TransferFailed.Kind kind : TransferFailed.Kind.values()) {
                totals.merge(kind, counts.get(kind.ordinal() + 1), Long::sum);
            }
            System.out.printf(Locale.ROOT, "%-64s %6d %9d %6d %7d%n", c, counts.get(0), counts.get(1), counts.get(2),
                    counts.get(3));
        }
        long failed = totals.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "total: %d intact, %d truncated, %d reset, %d timeout, in %d s%n", intact,
                totals.get(TransferFailed.Kind.TRUNCATED), totals.get(TransferFailed.Kind.RESET),
                totals.get(TransferFailed.Kind.TIMEOUT), elapsed.toSeconds());
        return failed;
    }
}
