package io.netharness.junit.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A field or parameter that carries one of our annotations, with the words that name it in error messages:
 * {@code field 'link' in MyTests}, {@code parameter 'link' of method test(UdpLink) in MyTests}.
 *
 * @param element the field or parameter
 * @param type its declared type
 * @param name the field name, or the parameter name (as compiled, {@code arg0} without {@code -parameters})
 * @param isStatic whether it is a static field (parameters are never static)
 * @param description how error messages name it
 */
public record Member(AnnotatedElement element, Class<?> type, String name, boolean isStatic, String description) {

    /** Describes a field. */
    public static Member of(Field field) {
        return new Member(field, field.getType(), field.getName(), Modifier.isStatic(field.getModifiers()),
                "field '" + field.getName() + "' in " + className(field.getDeclaringClass()));
    }

    /** Describes a parameter of a method or constructor. */
    public static Member of(Parameter parameter) {
        Executable executable = parameter.getDeclaringExecutable();
        String kind = executable instanceof Method ? "method " + executable.getName() : "constructor "
                + executable.getDeclaringClass().getSimpleName();
        String signature = Arrays.stream(executable.getParameterTypes())
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
        return new Member(parameter, parameter.getType(), parameter.getName(), false,
                "parameter '" + parameter.getName() + "' of " + kind + signature + " in "
                        + className(executable.getDeclaringClass()));
    }

    /** "field" or "parameter", for messages. */
    public String kind() {
        return isField() ? "field" : "parameter";
    }

    /** Whether this is a final field. */
    public boolean isFinalField() {
        return element instanceof Field field && Modifier.isFinal(field.getModifiers());
    }

    /** Whether this is a field (as opposed to a parameter). */
    public boolean isField() {
        return element instanceof Field;
    }

    /**
     * The annotation as error messages name it: {@code @SimulatedLink}, or {@code @SimulatedLink (via @Flaky3G)}
     * when it is present through a composed annotation.
     */
    public String label(Class<? extends Annotation> annotationType) {
        String label = "@" + annotationType.getSimpleName();
        if (element.isAnnotationPresent(annotationType)) {
            return label;
        }
        return Arrays.stream(element.getDeclaredAnnotations())
                .map(Annotation::annotationType)
                .filter(type -> AnnotationSupport.isAnnotated(type, annotationType))
                .findFirst()
                .map(composed -> label + " (via @" + composed.getSimpleName() + ")")
                .orElse(label);
    }

    /** {@code Outer.Inner} for nested classes, so that messages name fixtures the way the source does. */
    public static String className(Class<?> type) {
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing == null ? type.getSimpleName() : className(enclosing) + "." + type.getSimpleName();
    }
}
