package io.netharness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netharness.core.servers.HarnessServer;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Names and seeds of parameter links and servers are the same whether the test class was compiled with
 * {@code javac -parameters} or without: the same fixture source is compiled both ways and run with one run seed.
 */
class CompilerFlagIndependenceTests {

    private static final String FIXTURE = """
            package fixture;

            import io.netharness.core.servers.HarnessServer;
            import io.netharness.junit.InProcessServer;
            import io.netharness.junit.SimulatedLink;
            import io.netharness.simulator.TcpLink;
            import org.junit.jupiter.api.Test;

            class ParameterLinks {
                @Test
                void test(@InProcessServer HarnessServer echo, @SimulatedLink(targetServer = "test[0]") TcpLink link) {
                    throw new AssertionError("fails, so that its links are reported");
                }
            }
            """;

    private static final Pattern LINK_SEED = Pattern.compile(" seed (0x[0-9a-f]+L) \\(fix it with");

    @TempDir
    Path dir;

    @Test
    void parameterNamesAndSeedsDoNotDependOnJavacParameters() throws Exception {
        Map<String, String> withFlag = run(compile("with", true), true);
        Map<String, String> withoutFlag = run(compile("without", false), false);

        assertThat(withFlag.keySet()).containsExactly("netharness.seed", "netharness.replay",
                "netharness.link.test[1]");
        assertThat(withoutFlag.keySet()).isEqualTo(withFlag.keySet());
        assertThat(withoutFlag.get("netharness.seed")).isEqualTo(withFlag.get("netharness.seed"));
        assertThat(linkSeed(withoutFlag)).as("the link's seed, without and with -parameters")
                .isEqualTo(linkSeed(withFlag));
    }

    private Path compile(String name, boolean parametersFlag) throws IOException {
        Path source = Files.createDirectories(dir.resolve(name + "-src/fixture")).resolve("ParameterLinks.java");
        Files.writeString(source, FIXTURE, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-cp", classPath,
                "-d", classes.toString()));
        if (parametersFlag) {
            args.add("-parameters");
        }
        args.add(source.toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac exit code").isZero();
        return classes;
    }

    private static Map<String, String> run(Path classes, boolean namesPresent) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                CompilerFlagIndependenceTests.class.getClassLoader())) {
            Class<?> fixture = loader.loadClass("fixture.ParameterLinks");
            Method test = fixture.getDeclaredMethod("test", HarnessServer.class, io.netharness.simulator.TcpLink.class);
            assertThat(test.getParameters()[1].isNamePresent()).as("compiled with -parameters").isEqualTo(namesPresent);
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameters(Map.of("netharness.seed", "42"))
                    .selectors(selectClass(fixture))
                    .execute();
            results.testEvents().assertStatistics(stats -> stats.failed(1));
            Map<String, String> entries = new LinkedHashMap<>();
            results.allEvents().reportingEntryPublished().stream()
                    .map(event -> event.getRequiredPayload(ReportEntry.class))
                    .forEach(entry -> entries.putAll(entry.getKeyValuePairs()));
            return entries;
        }
    }

    private static String linkSeed(Map<String, String> entries) {
        Matcher matcher = LINK_SEED.matcher(entries.get("netharness.link.test[1]"));
        assertThat(matcher.find()).as("a seed in %s", entries).isTrue();
        return matcher.group(1);
    }
}
