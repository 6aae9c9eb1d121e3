package io.netharness.junit.internal;

import io.netharness.junit.Fault;
import io.netharness.simulator.ConnectionFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads and validates the {@code faults} of a {@code @SimulatedLink}; messages name {@code faults[i].attribute}. */
final class FaultReader {

    private FaultReader() {}

    static List<FaultSpec> read(Misconfiguration problems, Fault[] faults) {
        List<FaultSpec> specs = new ArrayList<>();
        for (int i = 0; i < faults.length; i++) {
            specs.add(read(problems, faults[i], "faults[" + i + "]."));
        }
        return specs;
    }

    private static FaultSpec read(Misconfiguration problems, Fault fault, String prefix) {
        if (!(fault.toxicity() >= 0.0 && fault.toxicity() <= 1.0)) {
            throw problems.attribute(prefix + "toxicity", "between 0.0 and 1.0", fault.toxicity());
        }
        ConnectionFault value;
        try {
            value = switch (fault.value()) {
                case BLACKHOLE -> ConnectionFault.blackhole();
                case RESET_PEER -> ConnectionFault.resetPeer(required(problems, prefix, "after", fault.after(), fault));
                case SLOW_CLOSE -> ConnectionFault.slowClose(required(problems, prefix, "delay", fault.delay(), fault));
                case TIMEOUT -> ConnectionFault.timeout(optional(problems, prefix + "after", fault.after()));
                case LIMIT_DATA -> {
                    if (fault.bytes() < 0) {
                        throw problems.attribute(prefix + "bytes", "set to at least 0 for LIMIT_DATA", fault.bytes());
                    }
                    yield ConnectionFault.limitData(fault.bytes());
                }
                case SLICER -> {
                    if (fault.averageBytes() < 1) {
                        throw problems.attribute(prefix + "averageBytes", "set to at least 1 for SLICER",
                                fault.averageBytes());
                    }
                    yield ConnectionFault.slicer(fault.averageBytes(), fault.sizeVariationBytes(),
                            optional(problems, prefix + "delay", fault.delay()));
                }
            };
        } catch (IllegalArgumentException e) {
            // The simulator's own check, e.g. "slicer.sizeVariationBytes: 9 (expected: 0-3)".
            throw problems.problem("has an invalid " + prefix.substring(0, prefix.length() - 1) + " ("
                    + fault.value() + "): " + e.getMessage(), e);
        }
        return new FaultSpec(fault.direction(), value, fault.toxicity());
    }

    private static Duration required(Misconfiguration problems, String prefix, String attribute, String text,
            Fault fault) {
        if (text.isBlank()) {
            throw problems.requires("`" + prefix + attribute + "` be set for " + fault.value() + ", e.g. \"1s\"");
        }
        return optional(problems, prefix + attribute, text);
    }

    private static Duration optional(Misconfiguration problems, String attribute, String text) {
        if (text.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Quantities.parseDuration(text);
        } catch (QuantityFormatException e) {
            throw problems.attribute(attribute, e.expected(), text);
        }
    }
}
