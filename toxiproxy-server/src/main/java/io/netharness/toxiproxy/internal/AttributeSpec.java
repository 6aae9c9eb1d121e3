package io.netharness.toxiproxy.internal;

/**
 * One numeric attribute of a toxic type: its JSON name, whether it must be a whole number, its default and
 * its valid range.
 *
 * @param name         the attribute's JSON key, e.g. {@code latency}
 * @param whole        true if the value must be an integer (Toxiproxy's {@code int64} attributes)
 * @param defaultValue the value a toxic has when the request leaves the attribute out
 * @param min          smallest valid value, inclusive
 * @param max          largest valid value, inclusive
 * @param goType       the attribute's type in Toxiproxy's Go struct, as its type errors name it
 */
record AttributeSpec(String name, boolean whole, double defaultValue, double min, double max, String goType) {

    static AttributeSpec wholeAtLeast(String name, long defaultValue, long min) {
        return new AttributeSpec(name, true, defaultValue, min, Long.MAX_VALUE, "int64");
    }

    static AttributeSpec wholeBetween(String name, long defaultValue, long min, long max) {
        return new AttributeSpec(name, true, defaultValue, min, max, "int64");
    }

    static AttributeSpec probability(String name, double defaultValue) {
        return new AttributeSpec(name, false, defaultValue, 0.0, 1.0, "float64");
    }

    AttributeSpec withGoType(String type) {
        return new AttributeSpec(name, whole, defaultValue, min, max, type);
    }

    /** The valid range the way Netty writes it in its messages: {@code >= 0} or {@code 0.0-1.0}. */
    String expected() {
        if (max == Long.MAX_VALUE) {
            return ">= " + format(min);
        }
        return format(min) + "-" + format(max);
    }

    String format(double value) {
        return whole ? Long.toString((long) value) : Double.toString(value);
    }
}
