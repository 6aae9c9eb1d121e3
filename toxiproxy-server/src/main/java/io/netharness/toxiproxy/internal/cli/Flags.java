package io.netharness.toxiproxy.internal.cli;

import java.util.Locale;

/**
 * Walks a command line as Go's flag package reads it, so Toxiproxy's {@code -host=0.0.0.0} works as well as
 * {@code --host 0.0.0.0}: one dash or two, a value after {@code =} or as the next argument, and booleans given
 * bare ({@code -proxy-metrics}) or with {@code =true}/{@code =false}.
 */
final class Flags {

    private final String[] args;
    private int index = -1;
    private String written;
    private String name;
    private String inlineValue;

    Flags(String[] args) {
        this.args = args;
    }

    /** Moves to the next flag; false at the end. */
    boolean next() {
        index++;
        if (index >= args.length) {
            return false;
        }
        written = args[index];
        String text = written;
        if (!text.startsWith("-") || text.equals("-") || text.equals("--")) {
            throw new UsageException("unexpected argument: " + text + " (expected a flag; see --help)");
        }
        if (!text.startsWith("--") && !text.equals("-h")) {
            text = "-" + text; // Go's single dash
        }
        int equals = text.indexOf('=');
        name = equals < 0 ? text : text.substring(0, equals);
        inlineValue = equals < 0 ? null : text.substring(equals + 1);
        return true;
    }

    /** The flag in its two-dash form, e.g. {@code --host}. */
    String name() {
        return name;
    }

    /** The flag as written on the command line, for messages. */
    String written() {
        return written;
    }

    /** The flag's value: after {@code =}, or the next argument. */
    String value() {
        if (inlineValue != null) {
            return inlineValue;
        }
        if (index + 1 >= args.length) {
            throw new UsageException(name + " needs a value (see --help)");
        }
        return args[++index];
    }

    /** A boolean flag: true when bare, else the value after {@code =}. */
    boolean bool() {
        if (inlineValue == null) {
            return true;
        }
        switch (inlineValue.toLowerCase(Locale.ROOT)) {
            case "true", "1", "t" -> {
                return true;
            }
            case "false", "0", "f" -> {
                return false;
            }
            default -> throw new UsageException(name + ": " + inlineValue + " (expected: true or false)");
        }
    }
}
