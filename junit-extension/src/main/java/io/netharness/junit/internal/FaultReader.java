package io.netharness.junit.internal;

import io.netharness.junit.Fault;
import io.netharness.junit.SimulatedLink;
import io.netharness.simulator.ConnectionFault;
import io.netharness.simulator.Direction;
import io.netharness.simulator.Effect;
import io.netharness.simulator.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates the {@code faults} of a {@code @SimulatedLink}; messages name {@code faults[i].attribute}.
 * Checks what an annotation can get wrong (a missing or stray attribute, a direction for an effect on the link, two
 * triggers), then lets the simulator check the combination, reporting its message with the fault.
 */
final class FaultReader {

    private static final Set<Fault.Kind> ON_LINK = EnumSet.of(Fault.Kind.REFUSE, Fault.Kind.STALL_ACCEPTS,
            Fault.Kind.ACCEPT_DELAY, Fault.Kind.ACCEPT_THEN_HANG, Fault.Kind.CUT);
    private static final Set<Fault.Kind> ON_MESSAGES = EnumSet.of(Fault.Kind.DROP, Fault.Kind.DELAY,
            Fault.Kind.DUPLICATE, Fault.Kind.REORDER, Fault.Kind.CORRUPT);

    private final Misconfiguration problems;
    private final SimulatedLink link;
    private final Fault fault;
    private final String prefix;

    private FaultReader(Misconfiguration problems, SimulatedLink link, Fault fault, String prefix) {
        this.problems = problems;
        this.link = link;
        this.fault = fault;
        this.prefix = prefix;
    }

    static List<FaultSpec> read(Misconfiguration problems, SimulatedLink link) {
        List<FaultSpec> specs = new ArrayList<>();
        Fault[] faults = link.faults();
        for (int i = 0; i < faults.length; i++) {
            specs.add(new FaultReader(problems, link, faults[i], "faults[" + i + "].").read());
        }
        return specs;
    }

    private FaultSpec read() {
        Fault.Kind kind = fault.value();
        if (!(fault.toxicity() >= 0.0 && fault.toxicity() <= 1.0)) {
            throw problems.attribute(prefix + "toxicity", "between 0.0 and 1.0", fault.toxicity());
        }
        if (ON_LINK.contains(kind) && fault.toxicity() != 1.0) {
            throw problems.attribute(prefix + "toxicity", "1.0 for " + kind + ", which acts on the link, not on a"
                    + " share of its connections", fault.toxicity());
        }
        Direction direction = direction(kind);
        boolean directionDefaulted = fault.direction().length == 0 && !ON_LINK.contains(kind);
        checkUnread(kind);
        Trigger trigger = trigger(kind);
        Effect effect = effect(kind);
        try {
            ConnectionFault.of(trigger, effect); // the simulator's own check of the combination
        } catch (IllegalArgumentException e) {
            throw problems.problem("has an invalid " + label() + " (" + kind + "): " + e.getMessage(), e);
        }
        return new FaultSpec(label(), kind.name(), direction, directionDefaulted, trigger, effect, fault.toxicity());
    }

    private String label() {
        return prefix.substring(0, prefix.length() - 1);
    }

    /** DOWNSTREAM when unset, null for both directions or the link. */
    private Direction direction(Fault.Kind kind) {
        Direction[] given = fault.direction();
        if (ON_LINK.contains(kind)) {
            if (given.length > 0) {
                throw problems.attribute(prefix + "direction", "unset for " + kind + ", which acts on "
                        + (kind == Fault.Kind.ACCEPT_THEN_HANG ? "both directions" : "the link"),
                        Arrays.asList(given));
            }
            return null;
        }
        Set<Direction> directions = EnumSet.noneOf(Direction.class);
        for (Direction direction : given) {
            if (!directions.add(direction)) {
                throw problems.attribute(prefix + "direction", "each direction at most once",
                        Arrays.asList(given));
            }
        }
        return given.length == 0 ? Direction.DOWNSTREAM : given.length == 1 ? given[0] : null;
    }

    /** A set attribute the kind does not read is a mistake the user would not see otherwise. */
    private void checkUnread(Fault.Kind kind) {
        Set<String> reads = switch (kind) {
            case RESET_PEER, CLOSE, TIMEOUT -> Set.of("after", "when");
            case SLOW_CLOSE, DELAY -> Set.of("delay", "when");
            case ACCEPT_DELAY -> Set.of("delay");
            case LIMIT_DATA -> Set.of("bytes");
            case SLICER -> Set.of("averageBytes", "sizeVariationBytes", "delay", "when");
            case REORDER -> Set.of("maxHold", "when");
            case CUT -> Set.of("cutMode", "when");
            case PROFILE -> Set.of("profile", "when");
            default -> Set.of("when");
        };
        check(reads, "after", !fault.after().isBlank());
        check(reads, "delay", !fault.delay().isBlank());
        check(reads, "bytes", fault.bytes() != -1);
        check(reads, "averageBytes", fault.averageBytes() != -1);
        check(reads, "sizeVariationBytes", fault.sizeVariationBytes() != 0);
        check(reads, "maxHold", !fault.maxHold().isBlank());
        check(reads, "cutMode", fault.cutMode() != io.netharness.simulator.CutMode.KEEP_EXISTING);
        check(reads, "profile", !fault.profile().equals(DEFAULT_PROFILE));
        check(reads, "when", !WhenReader.isUnset(fault.when()));
    }

    private void check(Set<String> reads, String attribute, boolean set) {
        if (set && !reads.contains(attribute)) {
            throw problems.requires("`" + prefix + attribute + "` not be set for " + fault.value() + ", which does"
                    + " not read it" + (attribute.equals("when") ? " (its trigger is part of the kind)" : ""));
        }
    }

    private static final io.netharness.junit.Profile DEFAULT_PROFILE = defaultProfile();

    private static io.netharness.junit.Profile defaultProfile() {
        try {
            return (io.netharness.junit.Profile) Fault.class.getMethod("profile").getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private Trigger trigger(Fault.Kind kind) {
        boolean whenSet = !WhenReader.isUnset(fault.when());
        if (kind == Fault.Kind.RESET_PEER || kind == Fault.Kind.CLOSE) {
            if (!fault.after().isBlank() && whenSet) {
                throw problems.requires("only one of `" + prefix + "after` and `" + prefix + "when` be set: `after`"
                        + " is a shorthand for when = @When(after = ...)");
            }
            if (!fault.after().isBlank()) {
                return Trigger.after(duration("after", fault.after()));
            }
            if (!whenSet) {
                throw problems.requires("`" + prefix + "after` or `" + prefix + "when` be set for " + kind + ", which"
                        + " acts once, e.g. after = \"1s\"");
            }
        }
        if (ON_MESSAGES.contains(kind) && fault.when().message() == 0 && fault.when().matching().isEmpty()) {
            throw problems.requires("`" + prefix + "when.message` or `" + prefix + "when.matching` be set for " + kind
                    + ", which acts on whole messages, e.g. when = @When(message = 3, framer ="
                    + " @Framing(Framing.Kind.LINES))");
        }
        return switch (kind) {
            case LIMIT_DATA -> Trigger.afterBytes(fault.bytes());
            case ACCEPT_DELAY -> Trigger.during(required("delay", fault.delay()));
            default -> WhenReader.read(problems, fault.when(), prefix + "when.");
        };
    }

    private Effect effect(Fault.Kind kind) {
        try {
            return switch (kind) {
                case BLACKHOLE -> Effect.blackhole();
                case HANG, ACCEPT_THEN_HANG -> Effect.hang();
                case RESET_PEER -> Effect.resetPeer();
                case CLOSE -> Effect.close();
                case SLOW_CLOSE -> Effect.slowClose(required("delay", fault.delay()));
                case TIMEOUT -> Effect.timeout(duration("after", fault.after()));
                case LIMIT_DATA -> {
                    if (fault.bytes() < 0) {
                        throw problems.attribute(prefix + "bytes", "set to at least 0 for LIMIT_DATA", fault.bytes());
                    }
                    yield Effect.close();
                }
                case SLICER -> {
                    if (fault.averageBytes() < 1) {
                        throw problems.attribute(prefix + "averageBytes", "set to at least 1 for SLICER",
                                fault.averageBytes());
                    }
                    yield Effect.slicer(fault.averageBytes(), fault.sizeVariationBytes(),
                            duration("delay", fault.delay()));
                }
                case PROFILE -> Effect.profile(Profiles.toLinkProfile(DirectionReader.overriding(problems, link,
                        fault.profile(), prefix + "profile.")));
                case DROP -> Effect.drop();
                case DELAY -> Effect.delay(required("delay", fault.delay()));
                case DUPLICATE -> Effect.duplicate();
                case REORDER -> fault.maxHold().isBlank() ? Effect.reorder()
                        : Effect.reorder(duration("maxHold", fault.maxHold()));
                case CORRUPT -> Effect.corrupt();
                case REFUSE -> Effect.refuse();
                case STALL_ACCEPTS, ACCEPT_DELAY -> Effect.stallAccepts();
                case CUT -> Effect.cut(fault.cutMode());
            };
        } catch (IllegalArgumentException e) {
            // The simulator's own check, e.g. "slicer.sizeVariationBytes: 9 (expected: 0-3)".
            throw problems.problem("has an invalid " + label() + " (" + kind + "): " + e.getMessage(), e);
        }
    }

    private Duration required(String attribute, String text) {
        if (text.isBlank()) {
            throw problems.requires("`" + prefix + attribute + "` be set for " + fault.value() + ", e.g. \"1s\"");
        }
        return duration(attribute, text);
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
