package io.netharness.it.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles snippets with the JDK's compiler against this module's test class path, as a user's test would be
 * compiled: Java 17, no {@code -parameters}, warnings are errors (a README must not show deprecated calls).
 * Messages name the README line of every diagnostic.
 */
final class SnippetCompiler implements AutoCloseable {

    private static final List<String> OPTIONS = List.of("--release", "17", "-proc:none", "-g",
            "-Xlint:all,-try,-serial,-processing,-classfile,-path,-options", "-Werror");

    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager files;

    SnippetCompiler() {
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home")
                    + ": run the tests on a JDK, not a JRE");
        }
        files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        try {
            files.setLocation(StandardLocation.CLASS_PATH, testClassPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the test class path", e);
        }
    }

    /** Surefire runs tests from a manifest-only jar and publishes the real class path separately. */
    static List<File> testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return java.util.Arrays.stream(classPath.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
                .map(File::new).toList();
    }

    /** Compiles {@code snippet} into {@code output}; throws an AssertionError naming every error's README line. */
    void compile(JavaSnippet snippet, Path output) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(output.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + output, e);
        }
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + snippet.fileName()),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return snippet.source();
            }
        };
        boolean ok = compiler.getTask(null, files, diagnostics, OPTIONS, null, List.of(source)).call();
        if (!ok) {
            throw new AssertionError(snippet.block() + ", " + snippet.kind() + ", does not compile:\n"
                    + format(snippet, diagnostics.getDiagnostics()) + "\n" + Conventions.HINT);
        }
    }

    private static String format(JavaSnippet snippet, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
            if (diagnostic.getKind() == Diagnostic.Kind.NOTE) {
                continue;
            }
            String where = diagnostic.getLineNumber() > 0
                    ? snippet.block().file() + ":" + snippet.readmeLine(diagnostic.getLineNumber())
                    : snippet.block().where();
            lines.add("  " + where + ": " + diagnostic.getKind().toString().toLowerCase(Locale.ROOT) + ": "
                    + diagnostic.getMessage(Locale.ROOT).replace("\n", "\n    "));
            if (diagnostic.getLineNumber() > 0) {
                int index = snippet.readmeLine(diagnostic.getLineNumber()) - snippet.block().line() - 1;
                if (index >= 0 && index < snippet.block().lines().size()) {
                    lines.add("    > " + snippet.block().lines().get(index).strip());
                }
            }
        }
        return lines.stream().collect(Collectors.joining("\n"));
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
