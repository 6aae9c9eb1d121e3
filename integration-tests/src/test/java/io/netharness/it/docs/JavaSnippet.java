package io.netharness.it.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code ```java} block made into a compilable source file. Two kinds, told apart by their text:
 * <ul>
 *   <li><b>a compilation unit</b>: the block declares a top-level type (a line starting with {@code class},
 *       {@code interface}, {@code record}, {@code enum} or {@code @interface}, after modifiers and annotations),
 *       with its own {@code package} (optional) and {@code import}s. Compiled as it is.</li>
 *   <li><b>statements</b>: anything else. Leading {@code import} lines stay imports, the rest becomes the body of
 *       a method {@code static void run() throws Exception} of a class {@value #STATEMENTS_CLASS}.</li>
 * </ul>
 * Either way the block must name its own imports: nothing is imported for it.
 *
 * @param block the Markdown block
 * @param kind which of the two kinds it is
 * @param className the binary name of the first top-level type (for statements, {@value #STATEMENTS_CLASS})
 * @param source the compilable source
 * @param readmeLines for each line of {@code source} (0-based), the README line it came from, or 0 for a line
 *        that was added
 */
record JavaSnippet(MarkdownBlock block, Kind kind, String className, String source, List<Integer> readmeLines) {

    /** The class that wraps a statements block. */
    static final String STATEMENTS_CLASS = "ReadmeStatements";

    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^(?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|final|abstract|static|sealed"
                    + "|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT_OR_BLANK = Pattern.compile("^(?:import\\s.*;\\s*|\\s*|\\s*//.*)$");

    enum Kind {
        COMPILATION_UNIT("a compilation unit"),
        STATEMENTS("statements");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    static JavaSnippet of(MarkdownBlock block) {
        Optional<String> type = firstTopLevelType(block.lines());
        if (type.isPresent()) {
            String pkg = block.lines().stream().map(PACKAGE::matcher).filter(Matcher::find)
                    .map(m -> m.group(1) + ".").findFirst().orElse("");
            List<Integer> map = new ArrayList<>();
            for (int i = 0; i < block.lines().size(); i++) {
                map.add(block.lineOf(i));
            }
            return new JavaSnippet(block, Kind.COMPILATION_UNIT, pkg + type.get(), block.text(), map);
        }
        return statements(block);
    }

    private static JavaSnippet statements(MarkdownBlock block) {
        List<String> lines = block.lines();
        int body = 0;
        while (body < lines.size() && IMPORT_OR_BLANK.matcher(lines.get(body)).matches()) {
            body++;
        }
        StringBuilder source = new StringBuilder();
        List<Integer> map = new ArrayList<>();
        for (int i = 0; i < body; i++) {
            source.append(lines.get(i)).append('\n');
            map.add(block.lineOf(i));
        }
        source.append("final class ").append(STATEMENTS_CLASS)
                .append(" { static void run() throws Exception {\n");
        map.add(0);
        for (int i = body; i < lines.size(); i++) {
            source.append(lines.get(i)).append('\n');
            map.add(block.lineOf(i));
        }
        source.append("}}\n");
        map.add(0);
        return new JavaSnippet(block, Kind.STATEMENTS, STATEMENTS_CLASS, source.toString(), map);
    }

    private static Optional<String> firstTopLevelType(List<String> lines) {
        boolean inComment = false;
        for (String line : lines) {
            if (inComment) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.startsWith("/*")) {
                inComment = !line.contains("*/");
                continue;
            }
            Matcher matcher = TYPE_DECLARATION.matcher(line);
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    /** The README line of a 1-based line of {@link #source()}, or the block's first line when it was added. */
    int readmeLine(long sourceLine) {
        int index = (int) sourceLine - 1;
        if (index < 0 || index >= readmeLines.size() || readmeLines.get(index) == 0) {
            return block.line();
        }
        return readmeLines.get(index);
    }

    /** The file name javac expects: the first type's simple name. */
    String fileName() {
        return className.substring(className.lastIndexOf('.') + 1) + ".java";
    }
}
