package io.netharness.junit.internal;

import java.lang.annotation.Annotation;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Builds the one-sentence messages of misconfigured annotations: what is annotated, where, which attribute,
 * what would be valid and what it was.
 */
final class Misconfiguration {

    private final String subject;

    /** Messages about {@code annotationType} on {@code member}. */
    public Misconfiguration(Class<? extends Annotation> annotationType, Member member) {
        this.subject = member.label(annotationType) + " on " + member.description();
    }

    /** {@code @X on field 'f' in C requires that `attribute` be <expected> (was <actual>).} */
    public ExtensionConfigurationException attribute(String attribute, String expected, Object actual) {
        return requires("`" + attribute + "` be " + expected + " (was " + quoted(actual) + ")");
    }

    /** {@code @X on field 'f' in C requires that <requirement>.} */
    public ExtensionConfigurationException requires(String requirement) {
        return new ExtensionConfigurationException(subject + " requires that " + requirement + ".");
    }

    /** {@code @X on field 'f' in C <sentence>.} for messages that do not fit "requires that". */
    public ExtensionConfigurationException problem(String sentence) {
        return new ExtensionConfigurationException(subject + " " + sentence + ".");
    }

    /** Same as {@link #problem(String)}, keeping the cause. */
    public ExtensionConfigurationException problem(String sentence, Throwable cause) {
        return new ExtensionConfigurationException(subject + " " + sentence + ".", cause);
    }

    /** Strings are shown in quotes so that blanks and empty values are visible; numbers as they are. */
    public static String quoted(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
