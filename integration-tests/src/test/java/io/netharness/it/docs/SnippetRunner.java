package io.netharness.it.docs;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs a compiled snippet: the JUnit tests of a compilation unit on a fresh Jupiter engine (every test must pass,
 * none may be skipped), else its {@code main(String[])}; a statements block's body. Each run has a time limit,
 * so a snippet that hangs fails instead.
 */
final class SnippetRunner {

    static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    private SnippetRunner() {}

    /** What running the snippet did, for the test's report: "3 tests passed", "main ran", "compiled only". */
    static String run(JavaSnippet snippet, Path classes) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                SnippetRunner.class.getClassLoader())) {
            if (snippet.kind() == JavaSnippet.Kind.STATEMENTS) {
                Method run = loader.loadClass(snippet.className()).getDeclaredMethod("run");
                run.setAccessible(true);
                withinTimeLimit(snippet, loader, () -> invoke(run, null));
                return "statements ran";
            }
            List<Class<?>> types = topLevelClasses(classes, loader);
            EngineExecutionResults results = withinTimeLimit(snippet, loader, () -> EngineTestKit
                    .engine("junit-jupiter")
                    .configurationParameters(Map.of("junit.jupiter.execution.timeout.default", "1m"))
                    .selectors(types.stream().map(type -> selectClass(type)).toArray(ClassSelector[]::new))
                    .execute());
            long started = results.testEvents().started().count();
            if (started > 0 || results.containerEvents().failed().count() > 0) {
                requireAllPassed(snippet, results);
                return started + " test(s) passed";
            }
            Method main = mainMethod(loader.loadClass(snippet.className()));
            if (main != null) {
                withinTimeLimit(snippet, loader, () -> invoke(main, (Object) new String[0]));
                return "main ran";
            }
            return "compiled only (declares no test and no main method)";
        }
    }

    private static void requireAllPassed(JavaSnippet snippet, EngineExecutionResults results) {
        List<Event> bad = Stream.of(results.containerEvents().failed(), results.testEvents().failed(),
                results.testEvents().aborted(), results.testEvents().skipped(), results.containerEvents().skipped())
                .flatMap(events -> events.stream()).toList();
        if (!bad.isEmpty()) {
            throw new AssertionError(snippet.block() + ", " + snippet.kind() + ", compiles, but running its tests"
                    + " did not pass every one:\n" + bad.stream().map(SnippetRunner::describe)
                            .collect(Collectors.joining("\n")) + "\n" + Conventions.HINT);
        }
    }

    private static String describe(Event event) {
        String name = event.getTestDescriptor().getDisplayName();
        if (event.getType() == org.junit.platform.testkit.engine.EventType.SKIPPED) {
            return "  " + name + " was skipped: " + event.getPayload(String.class).orElse("(no reason)");
        }
        TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
        return "  " + name + " " + result.getStatus().name().toLowerCase(java.util.Locale.ROOT) + ": "
                + result.getThrowable().map(SnippetRunner::stackTrace).orElse("(no exception)");
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString().replace("\n", "\n    ");
    }

    private static <T> T withinTimeLimit(JavaSnippet snippet, ClassLoader loader, Callable<T> work)
            throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "readme-snippet");
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
        try {
            Future<T> result = thread.submit(work);
            try {
                return result.get(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                result.cancel(true);
                throw new AssertionError(snippet.block() + " did not finish within " + TIME_LIMIT.toSeconds()
                        + " s\n" + Conventions.HINT);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof InvocationTargetException target ? target.getCause()
                        : e.getCause();
                throw new AssertionError(snippet.block() + ", " + snippet.kind() + ", compiles, but running it"
                        + " threw " + cause + "\n" + Conventions.HINT, cause);
            }
        } finally {
            thread.shutdownNow();
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new AssertionError(snippet.block() + ": its thread did not end 10 s after being interrupted");
            }
        }
    }

    private static Object invoke(Method method, Object argument) throws Exception {
        return argument == null ? method.invoke(null) : method.invoke(null, argument);
    }

    private static Method mainMethod(Class<?> type) {
        try {
            Method main = type.getDeclaredMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                return null;
            }
            main.setAccessible(true);
            return main;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static List<Class<?>> topLevelClasses(Path classes, ClassLoader loader) {
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> names = files.map(classes::relativize).map(Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .sorted().toList();
            return names.stream().<Class<?>>map(name -> {
                try {
                    return loader.loadClass(name);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("compiled " + name + " but cannot load it", e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classes, e);
        }
    }
}
