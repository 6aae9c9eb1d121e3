package io.netharness.it.docs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What the build's POMs say, read without Maven: the modules' artifact ids, the project version, and the versions
 * the parent POM manages, so documentation can be checked against them.
 *
 * @param groupId the project's group id
 * @param version the project's version
 * @param modules artifact id by module directory, in reactor order
 * @param managed managed versions by {@code groupId:artifactId}, properties resolved
 */
record Reactor(String groupId, String version, Map<String, String> modules, Map<String, String> managed) {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    static Reactor read(Path root) {
        Element parent = parse(root.resolve("pom.xml"));
        Map<String, String> properties = new LinkedHashMap<>();
        child(parent, "properties").ifPresent(props -> children(props).forEach(p -> properties.put(p.getTagName(),
                p.getTextContent().trim())));
        String version = text(parent, "version");
        properties.put("project.version", version);
        Map<String, String> modules = new LinkedHashMap<>();
        for (Element module : children(child(parent, "modules").orElseThrow())) {
            String dir = module.getTextContent().trim();
            modules.put(dir, text(parse(root.resolve(dir).resolve("pom.xml")), "artifactId"));
        }
        Map<String, String> managed = new LinkedHashMap<>();
        child(parent, "dependencyManagement").flatMap(dm -> child(dm, "dependencies")).ifPresent(deps -> {
            for (Element dependency : children(deps)) {
                String key = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
                managed.put(key, resolve(text(dependency, "version"), properties));
            }
        });
        return new Reactor(text(parent, "groupId"), version, modules, managed);
    }

    /** The module directories, for {@code mvn -pl}. */
    List<String> moduleDirectories() {
        return new ArrayList<>(modules.keySet());
    }

    private static String resolve(String value, Map<String, String> properties) {
        Matcher matcher = PROPERTY.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(
                    properties.getOrDefault(matcher.group(1), matcher.group())));
        }
        return matcher.appendTail(resolved).toString();
    }

    static Element parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(pom.toFile());
            return document.getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    static Optional<Element> child(Element element, String name) {
        return children(element).stream().filter(child -> child.getTagName().equals(name)).findFirst();
    }

    static String text(Element element, String name) {
        return child(element, name).map(child -> child.getTextContent().trim()).orElse("");
    }

    static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                children.add((Element) nodes.item(i));
            }
        }
        return children;
    }
}
