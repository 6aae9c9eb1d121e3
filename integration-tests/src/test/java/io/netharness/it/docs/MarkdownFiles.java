package io.netharness.it.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the repository's Markdown files and the fenced code blocks in them. */
final class MarkdownFiles {

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");

    private MarkdownFiles() {}

    /** The repository root: the nearest directory upwards from the working directory that has .ci/run. */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(".ci/run")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (a directory with .ci/run and pom.xml) above " + start);
    }

    /** Every {@code *.md} file of the repository but build output, dependencies and Git's own, sorted. */
    static List<Path> all(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".md"))
                    .filter(path -> Files.isRegularFile(path))
                    .filter(path -> root.relativize(path).toString().split("/").length > 0
                            && Stream.of(root.relativize(path).toString().split("/"))
                                    .noneMatch(part -> part.equals("target") || part.equals("node_modules")
                                            || part.startsWith(".")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Markdown files under " + root, e);
        }
    }

    /** The fenced code blocks of {@code file}, named relative to {@code root}. */
    static List<MarkdownBlock> blocks(Path root, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return parse(root.relativize(file).toString(), lines);
    }

    /** Splits {@code lines} into fenced blocks; an unclosed fence is an error naming its line. */
    static List<MarkdownBlock> parse(String name, List<String> lines) {
        List<MarkdownBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String fence = open.group(1);
            int start = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !closes(lines.get(i), fence); i++) {
                body.add(lines.get(i));
            }
            if (i == lines.size()) {
                throw new IllegalStateException(name + ":" + (start + 1) + ": the code block opened here is never"
                        + " closed (expected a line " + fence + ")");
            }
            blocks.add(new MarkdownBlock(name, start + 1, open.group(2), List.copyOf(body)));
        }
        return blocks;
    }

    private static boolean closes(String line, String fence) {
        String trimmed = line.trim();
        return trimmed.startsWith(fence) && trimmed.chars().allMatch(c -> c == fence.charAt(0));
    }
}
