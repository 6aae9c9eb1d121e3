package io.netharness.junit.internal;

import io.netharness.core.Format;
import io.netharness.junit.Framing;
import io.netharness.junit.When;
import io.netharness.simulator.Framer;
import io.netharness.simulator.Message;
import io.netharness.simulator.Trigger;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Reads a {@link When @When} into the simulator's {@link Trigger}; messages name {@code faults[i].when.attribute}.
 * One kind of trigger at a time: time, flapping, bytes or messages, optionally on one connection.
 */
final class WhenReader {

    private final Misconfiguration problems;
    private final When when;
    private final String prefix;

    private WhenReader(Misconfiguration problems, When when, String prefix) {
        this.problems = problems;
        this.when = when;
        this.prefix = prefix;
    }

    /** True if nothing in {@code when} is set (the default: on connect). */
    static boolean isUnset(When when) {
        return setGroups(when, "").isEmpty() && when.connection() == 0 && when.framer().value() == Framing.Kind.NONE
                && when.at() == Trigger.OnMessage.Point.BEFORE;
    }

    /** The trigger {@code when} describes ({@code prefix} is e.g. {@code "faults[0].when."}). */
    static Trigger read(Misconfiguration problems, When when, String prefix) {
        return new WhenReader(problems, when, prefix).read();
    }

    private Trigger read() {
        if (when.connection() < 0) {
            throw problems.attribute(prefix + "connection", "at least 1 (the first connection), or 0 for every"
                    + " connection", when.connection());
        }
        List<String> groups = setGroups(when, prefix);
        if (groups.size() > 1) {
            throw problems.problem("sets " + groups.get(0) + " and " + groups.get(1) + " in `" + prefix
                    .substring(0, prefix.length() - 1) + "`: a fault has one trigger, so set only one of them");
        }
        String group = groups.isEmpty() ? "" : groups.get(0);
        if (!group.endsWith("message`") && !group.endsWith("matching`")) {
            if (when.framer().value() != Framing.Kind.NONE) {
                throw problems.requires("`" + prefix + "message` or `" + prefix + "matching` be set with `" + prefix
                        + "framer`, which cuts the stream into the messages they select");
            }
            if (when.at() != Trigger.OnMessage.Point.BEFORE) {
                throw problems.requires("`" + prefix + "message` or `" + prefix + "matching` be set with `" + prefix
                        + "at`, which says where in the selected message the effect acts");
            }
        }
        Trigger inner;
        if (group.isEmpty()) {
            inner = Trigger.onConnect();
        } else if (group.contains("up`")) {
            inner = flapping();
        } else if (group.contains("afterBytes`")) {
            inner = Trigger.afterBytes(when.afterBytes());
        } else if (group.contains("message`") || group.contains("matching`")) {
            inner = message();
        } else {
            inner = time();
        }
        if (!when.jitter().isBlank() && !(inner instanceof Trigger.Periodic)) {
            throw problems.requires("`" + prefix + "jitter` be set only with `" + prefix + "up`/`" + prefix + "down`"
                    + " or `" + prefix + "every`, whose phases it varies");
        }
        return when.connection() == 0 ? inner : Trigger.onConnection(when.connection(), inner);
    }

    /** The kinds of trigger set, each as the attributes that set it (for the message). */
    private static List<String> setGroups(When when, String p) {
        List<String> groups = new ArrayList<>();
        if (!when.after().isBlank() || !when.until().isBlank() || !when.every().isBlank()
                || !when.lasting().isBlank()) {
            groups.add("`" + p + (when.after().isBlank() ? (when.until().isBlank() ? "every" : "until") : "after")
                    + "`");
        }
        if (!when.up().isBlank() || !when.down().isBlank()) {
            groups.add("`" + p + "up`/`" + p + "down`");
        }
        if (when.afterBytes() >= 0) {
            groups.add("`" + p + "afterBytes`");
        }
        if (when.message() != 0 || !when.matching().isEmpty()) {
            groups.add("`" + p + (when.message() != 0 ? "message" : "matching") + "`");
        }
        return groups;
    }

    private Trigger time() {
        Duration after = duration("after", when.after());
        Duration until = duration("until", when.until());
        Duration every = duration("every", when.every());
        Duration lasting = duration("lasting", when.lasting());
        if (!when.every().isBlank()) {
            if (!when.until().isBlank()) {
                throw problems.requires("`" + prefix + "until` not be set with `" + prefix + "every`: use `" + prefix
                        + "lasting` for the length of each window");
            }
            return periodic(() -> Trigger.after(after).thenEvery(every).lasting(lasting));
        }
        if (!when.lasting().isBlank()) {
            throw problems.requires("`" + prefix + "every` be set with `" + prefix + "lasting`, which is the length of"
                    + " each repeated window (for one window use `" + prefix + "until`)");
        }
        if (when.until().isBlank()) {
            return Trigger.after(after);
        }
        if (until.compareTo(after) <= 0) {
            throw problems.attribute(prefix + "until", "later than `" + prefix + "after` (" + Format.duration(after)
                    + ")", when.until());
        }
        return Trigger.between(after, until);
    }

    private Trigger flapping() {
        if (when.up().isBlank() || when.down().isBlank()) {
            String missing = when.up().isBlank() ? "up" : "down";
            throw problems.requires("`" + prefix + missing + "` be set too, as flapping needs both the up and the down"
                    + " time, e.g. up = \"200ms\", down = \"100ms\"");
        }
        Duration up = positive("up");
        Duration down = positive("down");
        return periodic(() -> Trigger.flapping(up, down));
    }

    /** A periodic trigger with the jitter, the simulator's own range checks reported with the attributes. */
    private Trigger periodic(java.util.function.Supplier<Trigger.Periodic> make) {
        Trigger.Periodic periodic;
        try {
            periodic = make.get();
            if (!when.jitter().isBlank()) {
                periodic = periodic.withJitter(duration("jitter", when.jitter()));
            }
        } catch (IllegalArgumentException e) {
            throw problems.problem("has an invalid `" + prefix.substring(0, prefix.length() - 1) + "`: "
                    + e.getMessage(), e);
        }
        return periodic;
    }

    private Trigger message() {
        if (when.message() < 0) {
            throw problems.attribute(prefix + "message", "at least 1 (the first message), or 0 with `" + prefix
                    + "matching`", when.message());
        }
        if (when.message() != 0 && !when.matching().isEmpty()) {
            throw problems.requires("only one of `" + prefix + "message` and `" + prefix + "matching` be set: a fault"
                    + " selects messages by number or by text");
        }
        Framer framer = framer();
        Trigger.OnMessage trigger = when.message() != 0 ? Trigger.onMessage(framer, when.message())
                : Trigger.onMessage(framer, matching());
        return switch (when.at()) {
            case BEFORE -> trigger;
            case AFTER_HEAD -> trigger.afterHead();
            case AFTER -> trigger.after();
        };
    }

    private Predicate<Message> matching() {
        Pattern pattern;
        try {
            pattern = Pattern.compile(when.matching());
        } catch (PatternSyntaxException e) {
            throw problems.attribute(prefix + "matching", "a regular expression (" + e.getDescription() + ")",
                    when.matching());
        }
        return Message.textMatching(pattern);
    }

    private Framer framer() {
        Framing framing = when.framer();
        String name = prefix + "framer";
        return switch (framing.value()) {
            case NONE -> throw problems.requires("`" + name + "` be set with `" + prefix + (when.message() != 0
                    ? "message" : "matching") + "`, to say how the stream is cut into messages, e.g. framer ="
                    + " @Framing(Framing.Kind.LINES)");
            case LINES -> Framer.lines();
            case HTTP -> Framer.http1();
            case RESP -> Framer.resp();
            case LENGTH_PREFIXED -> {
                try {
                    yield Framer.lengthPrefixed(framing.offsetBytes(), framing.lengthBytes(),
                            framing.littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN,
                            framing.adjustment());
                } catch (IllegalArgumentException e) {
                    throw problems.problem("has an invalid `" + name + "`: " + e.getMessage(), e);
                }
            }
            case CUSTOM -> custom(framing, name);
        };
    }

    private Framer custom(Framing framing, String name) {
        Class<? extends Framer> type = framing.custom();
        if (type == Framer.class) {
            throw problems.requires("`" + name + ".custom` name your Framer class for Framing.Kind.CUSTOM");
        }
        try {
            return ReflectionSupport.newInstance(type);
        } catch (RuntimeException e) {
            throw problems.problem("could not make `" + name + ".custom` (" + type.getName() + ") with its no-argument"
                    + " constructor: " + e, e);
        }
    }

    private Duration positive(String attribute) {
        String text = attribute.equals("up") ? when.up() : when.down();
        Duration value = duration(attribute, text);
        if (value.isZero()) {
            throw problems.attribute(prefix + attribute, "longer than 0", text);
        }
        return value;
    }

    private Duration duration(String attribute, String text) {
        if (text.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Quantities.parseDuration(text);
        } catch (QuantityFormatException e) {
            throw problems.attribute(prefix + attribute, e.expected(), text);
        }
    }
}
