package io.netharness.junit.internal;

import io.netharness.core.Format;
import io.netharness.junit.Profile;
import io.netharness.junit.SimulatedLink;
import io.netharness.simulator.profile.Loss;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the impairments of one direction: the attributes of {@code @SimulatedLink}, overridden by those set in
 * its {@code upstream}/{@code downstream} {@link Profile}. Each value is validated under the name of the
 * attribute it was written in ({@code loss} or {@code upstream.loss}), so that messages point at the source.
 */
final class DirectionReader {

    private static final Map<String, String> DISTRIBUTIONS = Map.of(
            "uniform", "UNIFORM", "normal", "NORMAL", "pareto", "PARETO", "pareto-normal", "PARETO_NORMAL");

    private static final int MIN_MTU = 68;

    private final Misconfiguration problems;
    private final SimulatedLink link;
    private final Profile profile;
    private final String prefix;

    private DirectionReader(Misconfiguration problems, SimulatedLink link, Profile profile, String prefix) {
        this.problems = problems;
        this.link = link;
        this.profile = profile;
        this.prefix = prefix;
    }

    static DirectionSpec upstream(Misconfiguration problems, SimulatedLink link) {
        return new DirectionReader(problems, link, link.upstream(), "upstream.").read();
    }

    static DirectionSpec downstream(Misconfiguration problems, SimulatedLink link) {
        return new DirectionReader(problems, link, link.downstream(), "downstream.").read();
    }

    /** The profile of a PROFILE fault: the link's attributes overridden by {@code profile}'s, named {@code prefix}. */
    static DirectionSpec overriding(Misconfiguration problems, SimulatedLink link, Profile profile, String prefix) {
        return new DirectionReader(problems, link, profile, prefix).read();
    }

    private DirectionSpec read() {
        Duration latency = duration("latency", link.latency(), profile.latency());
        String jitterName = name("jitter", profile.jitter().isEmpty());
        Duration jitter = duration("jitter", link.jitter(), profile.jitter());
        if (jitter.compareTo(latency) > 0) {
            throw problems.attribute(jitterName, "at most the latency ("
                    + Format.duration(latency) + " here) so that no delay is negative", text(link.jitter(), profile.jitter()));
        }
        double loss = probability("loss", link.loss(), profile.loss());
        double burstLength = number(link.burstLength(), profile.burstLength());
        if (burstLength != 0 && !(burstLength >= 1)) {
            throw problems.attribute(name("burstLength", profile.burstLength() == -1),
                    "0 (independent losses) or at least 1.0", burstLength);
        }
        if (burstLength >= 1 && loss > burstLength / (burstLength + 1)) {
            throw problems.attribute(name("loss", profile.loss() == -1), "at most " + burstLength / (burstLength + 1)
                    + " when `burstLength` is " + burstLength + ", as bursts are separated by at least one"
                    + " delivered datagram", loss);
        }
        double lossCorrelation = probability("lossCorrelation", link.lossCorrelation(), profile.lossCorrelation());
        if (burstLength != 0 && lossCorrelation != 0) {
            throw problems.requires("`lossCorrelation` be 0 when `burstLength` is set, as the burst length already"
                    + " shapes how losses cluster (was " + lossCorrelation + ")");
        }
        Loss.FourState lossStates = lossStates(loss, lossCorrelation, burstLength);
        int reorderGap = profile.reorderGap() == -1 ? link.reorderGap() : profile.reorderGap();
        if (reorderGap < 1) {
            throw problems.attribute(name("reorderGap", profile.reorderGap() == -1), "at least 1", reorderGap);
        }
        int mtu = profile.mtu() == -1 ? link.mtu() : profile.mtu();
        if (mtu != 0 && mtu < MIN_MTU) {
            throw problems.attribute(name("mtu", profile.mtu() == -1), "0 (no limit) or at least " + MIN_MTU
                    + " bytes, the IPv4 minimum", mtu);
        }
        String bandwidth = text(link.bandwidth(), profile.bandwidth());
        return new DirectionSpec(
                latency,
                jitter,
                distribution(),
                probability("latencyCorrelation", link.latencyCorrelation(), profile.latencyCorrelation()),
                link.jitterKeepsOrder(),
                loss,
                lossCorrelation,
                burstLength,
                lossStates,
                probability("duplicate", link.duplicate(), profile.duplicate()),
                probability("duplicateCorrelation", link.duplicateCorrelation(), profile.duplicateCorrelation()),
                probability("reorder", link.reorder(), profile.reorder()),
                reorderGap,
                duration("reorderMaxHold", link.reorderMaxHold(), profile.reorderMaxHold()),
                probability("corrupt", link.corrupt(), profile.corrupt()),
                bandwidth.isBlank() ? 0 : rate(name("bandwidth", profile.bandwidth().isEmpty()), bandwidth),
                mtu,
                truncate());
    }

    /**
     * The four-state model in force in this direction, or null: the profile's own, else the link's unless the profile
     * describes its loss otherwise. Where it is in force, {@code loss}, {@code lossCorrelation} and
     * {@code burstLength} must be 0, since the chain alone sets the rate.
     */
    private Loss.FourState lossStates(double loss, double lossCorrelation, double burstLength) {
        boolean own = profile.lossStates().length > 0;
        boolean replaced = profile.loss() != -1 || profile.lossCorrelation() != -1 || profile.burstLength() != -1;
        double[] values = own ? profile.lossStates() : replaced ? new double[0] : link.lossStates();
        if (values.length == 0) {
            return null;
        }
        String attribute = name("lossStates", !own);
        if (values.length != 5) {
            throw problems.attribute(attribute, "the five probabilities {p13, p31, p32, p23, p14} of netem's"
                    + " `loss state`", Arrays.toString(values));
        }
        Loss.FourState model;
        try {
            model = new Loss.FourState(values[0], values[1], values[2], values[3], values[4]);
        } catch (IllegalArgumentException e) {
            throw problems.attribute(attribute, "five probabilities {p13, p31, p32, p23, p14} between 0.0 and 1.0,"
                    + " with p13 + p14 and p31 + p32 at most 1.0 (" + e.getMessage() + ")", Arrays.toString(values));
        }
        String rate = String.format(Locale.ROOT, "%.4g", model.meanRate());
        if (loss != 0) {
            throw problems.requires("`" + name("loss", profile.loss() == -1) + "` be 0 when `" + attribute + "` is"
                    + " set, as the four-state chain sets the loss rate itself (" + rate + " here) (was " + loss + ")");
        }
        if (lossCorrelation != 0 || burstLength != 0) {
            String other = lossCorrelation != 0 ? name("lossCorrelation", profile.lossCorrelation() == -1)
                    : name("burstLength", profile.burstLength() == -1);
            throw problems.requires("`" + other + "` be 0 when `" + attribute + "` is set, as the four-state chain"
                    + " shapes how losses cluster (was " + (lossCorrelation != 0 ? lossCorrelation : burstLength)
                    + ")");
        }
        return model;
    }

    private String distribution() {
        String given = text(link.distribution(), profile.distribution());
        String constant = DISTRIBUTIONS.get(given.trim().toLowerCase(Locale.ROOT));
        if (constant == null) {
            throw problems.attribute(name("distribution", profile.distribution().isEmpty()),
                    "one of uniform, normal, pareto or pareto-normal", given);
        }
        return constant;
    }

    private boolean truncate() {
        String given = text(link.mtuAction(), profile.mtuAction());
        return switch (given.trim().toLowerCase(Locale.ROOT)) {
            case "drop" -> false;
            case "truncate" -> true;
            default -> throw problems.attribute(name("mtuAction", profile.mtuAction().isEmpty()), "drop or truncate",
                    given);
        };
    }

    private Duration duration(String attribute, String linkValue, String profileValue) {
        String given = text(linkValue, profileValue);
        if (given.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Quantities.parseDuration(given);
        } catch (QuantityFormatException e) {
            throw problems.attribute(name(attribute, profileValue.isEmpty()), e.expected(), given);
        }
    }

    private long rate(String attribute, String given) {
        try {
            return Quantities.parseBytesPerSecond(given);
        } catch (QuantityFormatException e) {
            throw problems.attribute(attribute, e.expected(), given);
        }
    }

    private double probability(String attribute, double linkValue, double profileValue) {
        double value = number(linkValue, profileValue);
        if (!(value >= 0.0 && value <= 1.0)) {
            throw problems.attribute(name(attribute, profileValue == -1),
                    "between 0.0 and 1.0", value);
        }
        return value;
    }

    /** A profile value of exactly -1 means "inherit"; other negative values are the user's and get checked. */
    private static double number(double linkValue, double profileValue) {
        return profileValue == -1 ? linkValue : profileValue;
    }

    private static String text(String linkValue, String profileValue) {
        return profileValue.isEmpty() ? linkValue : profileValue;
    }

    private String name(String attribute, boolean inherited) {
        return inherited ? attribute : prefix + attribute;
    }
}
