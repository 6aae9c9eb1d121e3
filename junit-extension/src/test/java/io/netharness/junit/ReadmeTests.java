package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example is the compiled {@link ExampleTests}, so it cannot rot. */
class ReadmeTests {

    @Test
    void readmeShowsTheCompiledExample() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/netharness/junit/ExampleTests.java"));
        String example = source.substring(source.indexOf("// README-BEGIN\n") + "// README-BEGIN\n".length(),
                source.indexOf("// README-END"));
        assertThat(Files.readString(Path.of("README.md"))).contains("```java\n" + example + "```");
    }
}
