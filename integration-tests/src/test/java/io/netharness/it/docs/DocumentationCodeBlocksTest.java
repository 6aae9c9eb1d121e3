package io.netharness.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;

/**
 * Every code block of every Markdown file of the repository, checked: Java blocks are compiled and run (see
 * {@link JavaSnippet} for the two kinds), Maven and Gradle blocks have their coordinates checked against the
 * build, shell blocks their modules, commands, flags, paths and classes. One dynamic test per block, named by
 * file and line.
 */
class DocumentationCodeBlocksTest {

    private static final Path ROOT = MarkdownFiles.repositoryRoot();
    private static SnippetCompiler compiler;

    @BeforeAll
    static void startCompiler() {
        compiler = new SnippetCompiler();
    }

    @AfterAll
    static void closeCompiler() throws IOException {
        compiler.close();
    }

    @TestFactory
    Stream<DynamicTest> everyCodeBlock() {
        Reactor reactor = Reactor.read(ROOT);
        CoordinatesCheck coordinates = new CoordinatesCheck(ROOT, reactor);
        ShellCheck shell = new ShellCheck(ROOT, reactor);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : MarkdownFiles.all(ROOT)) {
            for (MarkdownBlock block : MarkdownFiles.blocks(ROOT, file)) {
                switch (block.language()) {
                    case "java" -> tests.add(DynamicTest.dynamicTest(block.toString(),
                            java.net.URI.create(ROOT.resolve(block.file()).toUri() + "?line=" + block.line()),
                            () -> java(block)));
                    case "xml", "kotlin", "kts", "groovy", "gradle" -> tests.add(DynamicTest.dynamicTest(
                            block.toString(), () -> coordinates.check(block)));
                    case "bash", "sh", "shell", "" -> tests.add(DynamicTest.dynamicTest(block.toString(),
                            () -> shell.check(block)));
                    default -> { } // text, json, ...: nothing to check
                }
            }
        }
        return tests.stream();
    }

    private static void java(MarkdownBlock block) throws Exception {
        JavaSnippet snippet = JavaSnippet.of(block);
        Path classes = Files.createTempDirectory("readme-snippet-");
        try {
            compiler.compile(snippet, classes);
            if (!block.hasFlag("no-run")) {
                SnippetRunner.run(snippet, classes);
            }
        } finally {
            try (Stream<Path> paths = Files.walk(classes)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Test
    void findsTheBlocksOfTheRootReadme(TestReporter reporter) {
        List<MarkdownBlock> blocks = MarkdownFiles.blocks(ROOT, ROOT.resolve("README.md"));
        reporter.publishEntry("blocks", blocks.toString());
        assertThat(blocks).extracting(MarkdownBlock::language).contains("java", "xml", "kotlin", "bash");
    }
}
