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
 * {@code field 'link' in MyTests}, {@code parameter [0] of method test(UdpLink) in MyTests}.
 *
 * <p>A parameter is known by its method and position, never by its source name: that name is in the class file
 * only when compiled with {@code javac -parameters}, so a name or seed taken from it would change with a compiler
 * flag (and a seed printed by one build would not replay in another).
 *
 * @param element the field or parameter
 * @param type its declared type
 * @param name the default name of what it declares: the field name, or {@code method[index]} for a parameter
 *        (e.g. {@code survivesAnOutage[1]}; the class's simple name for a constructor's)
 * @param isStatic whether it is a static field (parameters are never static)
 * @param description how error messages name it, and what link seeds derive from
 */
record Member(AnnotatedElement element, Class<?> type, String name, boolean isStatic, String description) {

    /** Describes a field. */
    public static Member of(Field field) {
        return new Member(field, field.getType(), field.getName(), Modifier.isStatic(field.getModifiers()),
                "field '" + field.getName() + "' in " + className(field.getDeclaringClass()));
    }

    /** Describes a parameter of a method or constructor, by its position (see above). */
    public static Member of(Parameter parameter) {
        Executable executable = parameter.getDeclaringExecutable();
        int index = Arrays.asList(executable.getParameters()).indexOf(parameter);
        String executableName = executable instanceof Method ? executable.getName()
                : executable.getDeclaringClass().getSimpleName();
        String kind = executable instanceof Method ? "method " : "constructor ";
        String signature = Arrays.stream(executable.getParameterTypes())
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
        return new Member(parameter, parameter.getType(), executableName + "[" + index + "]", false,
                "parameter [" + index + "] of " + kind + executableName + signature + " in "
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
