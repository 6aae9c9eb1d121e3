package io.netharness.simulator;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/** {@link Message#textMatching(Pattern)}: a record, equal by the pattern's text and flags (Pattern is not). */
record TextMatching(Pattern pattern) implements Predicate<Message> {

    @Override
    public boolean test(Message message) {
        return pattern.matcher(message.text()).find();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TextMatching that && that.pattern.pattern().equals(pattern.pattern())
                && that.pattern.flags() == pattern.flags();
    }

    @Override
    public int hashCode() {
        return pattern.pattern().hashCode() * 31 + pattern.flags();
    }

    @Override
    public String toString() {
        return "/" + pattern + "/";
    }
}
