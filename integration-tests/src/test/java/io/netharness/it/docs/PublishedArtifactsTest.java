package io.netharness.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;

/**
 * Every artifact the BOM publishes (and the BOM and the parent it inherits from) could go to Maven Central
 * unchanged: its POM, with what it inherits, has a name, description, url, licence, scm and developers, and
 * where the module was packaged in this build, sources and javadoc jars lie next to its jar.
 */
class PublishedArtifactsTest {

    private static final Path ROOT = MarkdownFiles.repositoryRoot();

    @TestFactory
    List<DynamicTest> everyPublishedModuleIsCompleteForMavenCentral() {
        Reactor reactor = Reactor.read(ROOT);
        Element parent = Reactor.parse(ROOT.resolve("pom.xml"));
        Element bom = Reactor.parse(ROOT.resolve("bom/pom.xml"));
        List<String> published = new ArrayList<>(List.of(Reactor.text(bom, "artifactId")));
        Reactor.child(bom, "dependencyManagement").flatMap(dm -> Reactor.child(dm, "dependencies"))
                .ifPresent(deps -> Reactor.children(deps).forEach(d -> published.add(Reactor.text(d, "artifactId"))));
        assertThat(published).as("what the BOM publishes").hasSizeGreaterThan(3);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("pom.xml (netharness-parent)", () -> {
            requireMetadata("pom.xml", parent, Optional.empty());
            assertThat(parent.getAttribute("child.project.url.inherit.append.path"))
                    .as("modules inherit the url as it is, not with their artifact id appended").isEqualTo("false");
        }));
        for (Map.Entry<String, String> module : reactor.modules().entrySet()) {
            if (!published.contains(module.getValue())) {
                continue;
            }
            String pom = module.getKey() + "/pom.xml";
            tests.add(DynamicTest.dynamicTest(pom + " (" + module.getValue() + ")", () -> {
                Element element = Reactor.parse(ROOT.resolve(pom));
                boolean inherits = Reactor.child(element, "parent").isPresent();
                requireMetadata(pom, element, inherits ? Optional.of(parent) : Optional.empty());
                requireSourcesAndJavadoc(module.getKey(), module.getValue(), reactor.version());
            }));
        }
        return tests;
    }

    private static void requireMetadata(String pom, Element element, Optional<Element> parent) {
        assertThat(Reactor.text(element, "name")).as("%s: <name>", pom).isNotBlank();
        assertThat(Reactor.text(element, "description")).as("%s: <description>", pom).isNotBlank();
        Element source = parent.filter(p -> Reactor.child(element, "url").isEmpty()).orElse(element);
        assertThat(Reactor.text(source, "url")).as("%s: <url> (own or inherited)", pom).startsWith("https://");
        Element license = first(element, parent, "licenses", pom);
        assertThat(Reactor.text(license, "name")).as("%s: licence name", pom).isNotBlank();
        assertThat(Reactor.text(license, "url")).as("%s: licence url", pom).startsWith("https://");
        Element developer = first(element, parent, "developers", pom);
        assertThat(Reactor.text(developer, "name")).as("%s: developer name", pom).isNotBlank();
        Element scm = Reactor.child(element, "scm").or(() -> parent.flatMap(p -> Reactor.child(p, "scm")))
                .orElseThrow(() -> new AssertionError(pom + " has no <scm>, own or inherited"));
        assertThat(Reactor.text(scm, "connection")).as("%s: scm connection", pom).startsWith("scm:git:");
        assertThat(Reactor.text(scm, "developerConnection")).as("%s: scm developerConnection", pom)
                .startsWith("scm:git:");
        assertThat(Reactor.text(scm, "url")).as("%s: scm url", pom).startsWith("https://");
    }

    /** The first entry of a list element (licenses, developers) of the POM, else of its parent. */
    private static Element first(Element element, Optional<Element> parent, String list, String pom) {
        Element holder = Reactor.child(element, list).or(() -> parent.flatMap(p -> Reactor.child(p, list)))
                .orElseThrow(() -> new AssertionError(pom + " has no <" + list + ">, own or inherited"));
        return Reactor.children(holder).stream().findFirst()
                .orElseThrow(() -> new AssertionError(pom + ": <" + list + "> is empty"));
    }

    /** Only where this build packaged the module (a focused test run packages nothing). */
    private static void requireSourcesAndJavadoc(String directory, String artifactId, String version)
            throws IOException {
        Path target = ROOT.resolve(directory).resolve("target");
        Path jar = target.resolve(artifactId + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            return;
        }
        Path sources = target.resolve(artifactId + "-" + version + "-sources.jar");
        Path javadoc = target.resolve(artifactId + "-" + version + "-javadoc.jar");
        assertThat(sources).as("sources jar beside %s", jar).isRegularFile();
        assertThat(javadoc).as("javadoc jar beside %s", jar).isRegularFile();
        try (ZipFile zip = new ZipFile(sources.toFile())) {
            assertThat(zip.stream().anyMatch(entry -> entry.getName().endsWith(".java"))).as("%s holds sources",
                    sources).isTrue();
        }
        try (ZipFile zip = new ZipFile(javadoc.toFile())) {
            assertThat(zip.getEntry("index.html")).as("%s holds an index.html", javadoc).isNotNull();
        }
    }
}
