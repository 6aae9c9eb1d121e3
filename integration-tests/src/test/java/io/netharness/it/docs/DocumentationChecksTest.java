package io.netharness.it.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documentation checks fail, and say where and why, for blocks that are wrong in each way they look for. */
class DocumentationChecksTest {

    private static final Path ROOT = MarkdownFiles.repositoryRoot();
    private static SnippetCompiler compiler;

    @TempDir
    Path classes;

    @BeforeAll
    static void startCompiler() {
        compiler = new SnippetCompiler();
    }

    @AfterAll
    static void closeCompiler() throws IOException {
        compiler.close();
    }

    private static MarkdownBlock block(String markdown) {
        List<MarkdownBlock> blocks = MarkdownFiles.parse("some/README.md", Arrays.asList(markdown.split("\n")));
        assertThat(blocks).hasSize(1);
        return blocks.get(0);
    }

    @Test
    void aCompilerErrorNamesTheReadmeLineAndTheError() {
        MarkdownBlock block = block("# Title\n\n```java\nimport java.util.List;\n\nList<String> names = List.of();\n"
                + "Strin oops = \"\";\n```\n");
        assertThatThrownBy(() -> compiler.compile(JavaSnippet.of(block), classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("some/README.md:3 (```java), statements, does not compile:\n"
                        + "  some/README.md:7: error: cannot find symbol\n")
                .hasMessageContaining("    > Strin oops = \"\";")
                .hasMessageContaining("integration-tests/README.md");
    }

    @Test
    void aBlockWithoutItsImportsDoesNotCompile() {
        MarkdownBlock block = block("```java\nDuration d = Duration.ofSeconds(1);\n```");
        assertThatThrownBy(() -> compiler.compile(JavaSnippet.of(block), classes))
                .hasMessageContaining("some/README.md:2: error: cannot find symbol");
    }

    @Test
    void deprecatedCallsAreErrors() {
        MarkdownBlock block = block("```java\nInteger boxed = new Integer(3);\n```");
        assertThatThrownBy(() -> compiler.compile(JavaSnippet.of(block), classes))
                .hasMessageContaining("some/README.md:2: ")
                .hasMessageContaining("deprecated");
    }

    @Test
    void statementsThatThrowFailWithWhatTheyThrew() {
        MarkdownBlock block = block("```java\nif (1 + 1 == 2) {\n    throw new IllegalStateException(\"boom\");\n}\n```");
        JavaSnippet snippet = JavaSnippet.of(block);
        compiler.compile(snippet, classes);
        assertThatThrownBy(() -> SnippetRunner.run(snippet, classes))
                .hasMessageStartingWith("some/README.md:1 (```java), statements, compiles, but running it threw"
                        + " java.lang.IllegalStateException: boom");
    }

    @Test
    void aFailingTestOfACompilationUnitFailsWithItsName() throws Exception {
        MarkdownBlock block = block("```java\nimport org.junit.jupiter.api.Test;\n\nclass FailingTests {\n"
                + "    @Test\n    void passes() {}\n    @Test\n    void fails() { throw new AssertionError(\"wrong\"); }\n}\n```");
        JavaSnippet snippet = JavaSnippet.of(block);
        assertThat(snippet.kind()).isEqualTo(JavaSnippet.Kind.COMPILATION_UNIT);
        compiler.compile(snippet, classes);
        assertThatThrownBy(() -> SnippetRunner.run(snippet, classes))
                .hasMessageStartingWith("some/README.md:1 (```java), a compilation unit, compiles, but running its"
                        + " tests did not pass every one:\n  fails() failed: java.lang.AssertionError: wrong");
    }

    @Test
    void aSkippedTestIsNotAPassingExample() throws Exception {
        MarkdownBlock block = block("```java\nimport org.junit.jupiter.api.Assumptions;\nimport org.junit.jupiter.api.Test;\n\n"
                + "class SkippingTests {\n    @Test\n    void skips() { Assumptions.abort(\"not here\"); }\n}\n```");
        JavaSnippet snippet = JavaSnippet.of(block);
        compiler.compile(snippet, classes);
        assertThatThrownBy(() -> SnippetRunner.run(snippet, classes)).hasMessageContaining("skips() aborted: "
                + "org.opentest4j.TestAbortedException: not here");
    }

    @Test
    void passingTestsSayHowManyRan() throws Exception {
        MarkdownBlock tests = block("```java\nimport org.junit.jupiter.api.Test;\n\nclass PassingTests {\n"
                + "    @Test\n    void one() {}\n    @Test\n    void two() {}\n}\n```");
        JavaSnippet unit = JavaSnippet.of(tests);
        compiler.compile(unit, classes);
        assertThat(SnippetRunner.run(unit, classes)).isEqualTo("2 test(s) passed");
    }

    @Test
    void wrongCoordinatesAreNamed() {
        Reactor reactor = Reactor.read(ROOT);
        CoordinatesCheck check = new CoordinatesCheck(ROOT, reactor);
        MarkdownBlock maven = block("```xml\n<dependency>\n  <groupId>io.netharness</groupId>\n"
                + "  <artifactId>netharness-junit</artifactId>\n  <version>9.9</version>\n</dependency>\n```");
        assertThatThrownBy(() -> check.check(maven))
                .hasMessageContaining("io.netharness:netharness-junit is not an artifact the BOM publishes"
                        + " (published: netharness-app, netharness-bom, ")
                .hasMessageContaining("io.netharness:netharness-junit is shown at version 9.9, the project is at "
                        + reactor.version());
        MarkdownBlock gradle = block("```kotlin\ntestImplementation(platform(\"org.junit:junit-bom:5.0.0\"))\n```");
        assertThatThrownBy(() -> check.check(gradle))
                .hasMessageContaining("org.junit:junit-bom is shown at version 5.0.0, the build uses "
                        + reactor.managed().get("org.junit:junit-bom"));
    }

    @Test
    void shellBlocksNameOnlyWhatExists() {
        ShellCheck check = new ShellCheck(ROOT, Reactor.read(ROOT));
        MarkdownBlock block = block("```bash\nmvn -B -pl simulator,no-such-module verify  # a comment\n"
                + "java -jar app/target/netharness.jar serve --no-api \\\n    --no-such-flag 1\n"
                + "java -jar app/target/netharness.jar frobnicate\nbash .ci/no-such-script\n"
                + "java -cp x io.netharness.toxiproxy.NoSuchCommand\n```");
        assertThatThrownBy(() -> check.check(block))
                .hasMessageContaining("-pl names no-such-module, not a module (modules: bom, ")
                .hasMessageContaining("serve has no flag --no-such-flag")
                .hasMessageContaining("netharness.jar has no command frobnicate")
                .hasMessageContaining("no file .ci/no-such-script in the repository")
                .hasMessageContaining("no class io.netharness.toxiproxy.NoSuchCommand")
                .message().doesNotContain("--no-api");
        assertThat(check.check(block("```bash\nmvn -B -ntp -pl junit-extension -am verify\n"
                + "java -jar app/target/netharness.jar serve --no-api --link 'a=127.0.0.1:1->127.0.0.1:2'\n```")))
                .isEqualTo("2 command line(s) checked");
    }

    @Test
    void anUnclosedFenceIsAnError() {
        assertThatThrownBy(() -> MarkdownFiles.parse("x.md", List.of("text", "```java", "int a = 1;")))
                .hasMessage("x.md:2: the code block opened here is never closed (expected a line ```)");
    }

    @Test
    void theRepositoryRootHasTheReadme() {
        assertThat(Files.isRegularFile(ROOT.resolve("README.md"))).isTrue();
    }
}
