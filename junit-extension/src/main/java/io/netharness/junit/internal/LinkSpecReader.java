package io.netharness.junit.internal;

import io.netharness.junit.LinkTarget;
import io.netharness.junit.Protocol;
import io.netharness.junit.SimulatedLink;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Reads and validates the {@code @SimulatedLink} (and {@code @LinkTarget}) of a field or parameter. Everything
 * that can be checked without running the test is checked here, so that a misconfiguration fails before any
 * port is opened.
 */
final class LinkSpecReader {

    private LinkSpecReader() {}

    /** Reads the link declared on {@code member}, which must carry {@code @SimulatedLink}. */
    public static LinkSpec read(Member member) {
        Misconfiguration problems = new Misconfiguration(SimulatedLink.class, member);
        SimulatedLink link = AnnotationSupport.findAnnotation(member.element(), SimulatedLink.class).orElseThrow();
        if (member.element() instanceof Field field && Modifier.isFinal(field.getModifiers())) {
            throw problems.requires("the field not be final, as NetHarness assigns it: remove `final`");
        }
        Protocol implied = LinkTypes.protocolOf(member.type()).orElseThrow(() -> problems.requires(
                "the " + (member.isField() ? "field" : "parameter") + "'s type be " + LinkTypes.VALID
                        + " (was " + member.type().getName() + ")"));
        Protocol protocol = protocol(problems, link.protocol(), implied, member.type());
        return new LinkSpec(member, name(problems, link, member), target(problems, link, member), protocol,
                DirectionReader.upstream(problems, link), DirectionReader.downstream(problems, link),
                FaultReader.read(problems, link), link.refuseWhileTargetRefuses(), seed(problems, link.seed()),
                link.capture(), problems);
    }

    private static String name(Misconfiguration problems, SimulatedLink link, Member member) {
        if (link.name().isEmpty()) {
            return member.name();
        }
        if (link.name().isBlank() || !link.name().equals(link.name().trim())) {
            throw problems.attribute("name", "a name without leading or trailing blanks, or \"\" for the default ("
                    + member.name() + ")", link.name());
        }
        return link.name();
    }

    private static Protocol protocol(Misconfiguration problems, Protocol given, Protocol implied, Class<?> type) {
        if (implied == Protocol.AUTO || given == Protocol.AUTO) {
            return implied == Protocol.AUTO ? given : implied;
        }
        if (given != implied) {
            throw problems.attribute("protocol", implied + " or AUTO, as the type is " + type.getSimpleName(),
                    given);
        }
        return given;
    }

    private static TargetSpec target(Misconfiguration problems, SimulatedLink link, Member member) {
        Optional<LinkTarget> extra = AnnotationSupport.findAnnotation(member.element(), LinkTarget.class);
        List<String[]> given = new ArrayList<>(); // {attribute, value}
        addIfSet(given, "target", link.target());
        addIfSet(given, "targetServer", link.targetServer());
        addIfSet(given, "targetMethod", link.targetMethod());
        addIfSet(given, "targetProperty", link.targetProperty());
        extra.ifPresent(target -> {
            addIfSet(given, "@LinkTarget(value)", target.value());
            addIfSet(given, "@LinkTarget(server)", target.server());
            addIfSet(given, "@LinkTarget(method)", target.method());
            addIfSet(given, "@LinkTarget(property)", target.property());
        });
        if (given.isEmpty()) {
            throw problems.problem("has no target: set one of `target`, `targetServer`, `targetMethod` or"
                    + " `targetProperty`, or add @LinkTarget");
        }
        if (given.size() > 1) {
            throw problems.problem("has conflicting targets " + describe(given.get(0)) + " and "
                    + describe(given.get(1)) + ": set only one");
        }
        String attribute = given.get(0)[0];
        String value = given.get(0)[1].trim();
        if (attribute.equals("target") || attribute.equals("@LinkTarget(value)")) {
            try {
                return new TargetSpec.Fixed(attribute, AddressText.parse(value));
            } catch (IllegalArgumentException e) {
                throw problems.attribute(attribute, AddressText.FORMAT, given.get(0)[1]);
            }
        }
        if (attribute.endsWith("Server") || attribute.endsWith("(server)")) {
            return new TargetSpec.Server(attribute, value);
        }
        if (attribute.endsWith("Method") || attribute.endsWith("(method)")) {
            return new TargetSpec.Method(attribute, value);
        }
        return new TargetSpec.Property(attribute, value);
    }

    private static void addIfSet(List<String[]> given, String attribute, String value) {
        if (!value.isBlank()) {
            given.add(new String[] {attribute, value});
        }
    }

    private static String describe(String[] attributeAndValue) {
        return "`" + attributeAndValue[0] + "` (\"" + attributeAndValue[1] + "\")";
    }

    private static OptionalLong seed(Misconfiguration problems, String seed) {
        String trimmed = seed.trim();
        if (trimmed.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(TestSeeds.parse(trimmed));
        } catch (NumberFormatException e) {
            throw problems.attribute("seed", "a decimal or 0x-hexadecimal long such as \"42\"", seed);
        }
    }
}
