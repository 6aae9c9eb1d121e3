package io.netharness.it.docs;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Checks the dependency coordinates of Maven ({@code ```xml}) and Gradle ({@code ```kotlin}, {@code ```groovy})
 * blocks against the build: a NetHarness artifact must be one the BOM publishes, at the project's version, and a
 * third-party artifact the parent POM manages must be shown at the managed version.
 */
final class CoordinatesCheck {

    private static final Pattern GRADLE = Pattern.compile(
            "\"([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+)(?::([A-Za-z0-9_.+-]+))?\"");

    private final Reactor reactor;
    private final Set<String> published;

    CoordinatesCheck(Path root, Reactor reactor) {
        this.reactor = reactor;
        Element bom = Reactor.parse(root.resolve("bom/pom.xml"));
        List<String> artifacts = new ArrayList<>();
        artifacts.add(Reactor.text(bom, "artifactId"));
        Reactor.child(bom, "dependencyManagement").flatMap(dm -> Reactor.child(dm, "dependencies"))
                .ifPresent(deps -> Reactor.children(deps).forEach(d -> artifacts.add(Reactor.text(d, "artifactId"))));
        this.published = Set.copyOf(artifacts);
    }

    /** The coordinates found, for the report; throws an AssertionError listing every wrong one. */
    String check(MarkdownBlock block) {
        List<String[]> coordinates = block.language().equals("xml") ? maven(block) : gradle(block);
        List<String> problems = new ArrayList<>();
        for (String[] c : coordinates) {
            problems.addAll(problems(c[0], c[1], c[2]));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(block + ": " + String.join("; ", problems) + "\n" + Conventions.HINT);
        }
        return coordinates.stream().map(c -> c[0] + ":" + c[1] + (c[2].isEmpty() ? "" : ":" + c[2]))
                .collect(Collectors.joining(", "));
    }

    private List<String> problems(String group, String artifact, String version) {
        List<String> problems = new ArrayList<>();
        String name = group + ":" + artifact;
        if (group.equals(reactor.groupId())) {
            if (!published.contains(artifact)) {
                problems.add(name + " is not an artifact the BOM publishes (published: " + published.stream()
                        .sorted().collect(Collectors.joining(", ")) + ")");
            }
            if (!version.isEmpty() && !version.equals(reactor.version())) {
                problems.add(name + " is shown at version " + version + ", the project is at " + reactor.version());
            }
        } else {
            String managed = reactor.managed().get(name);
            if (managed != null && !version.isEmpty() && !version.equals(managed)) {
                problems.add(name + " is shown at version " + version + ", the build uses " + managed);
            }
        }
        return problems;
    }

    private static List<String[]> maven(MarkdownBlock block) {
        NodeList dependencies;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            dependencies = factory.newDocumentBuilder()
                    .parse(new InputSource(new StringReader("<snippet>" + block.text() + "</snippet>")))
                    .getElementsByTagName("dependency");
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError(block + " is not well-formed XML: " + e.getMessage() + "\n" + Conventions.HINT);
        }
        List<String[]> found = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            found.add(new String[] {Reactor.text(dependency, "groupId"), Reactor.text(dependency, "artifactId"),
                    Reactor.text(dependency, "version")});
        }
        return found;
    }

    private static List<String[]> gradle(MarkdownBlock block) {
        List<String[]> found = new ArrayList<>();
        Matcher matcher = GRADLE.matcher(block.text());
        while (matcher.find()) {
            found.add(new String[] {matcher.group(1), matcher.group(2),
                    matcher.group(3) == null ? "" : matcher.group(3)});
        }
        return found;
    }
}
