package io.netharness.app;

import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the runnable jar: {@code java -jar netharness.jar <command> [args]}. Dispatches on the
 * first argument to a {@link Command}; with none, {@code help}, or an unknown name it prints the usage,
 * which lists every command (exit code 2 for a missing or unknown command, 0 for {@code help}).
 */
public final class Main {

    /** Exit code for a missing or unknown command. */
    public static final int USAGE = 2;

    private Main() {
    }

    /** The commands by name, in the order the usage lists them. Add a command here to ship it. */
    static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("demo", new DemoCommand());
        commands.put("serve", new ServeCommand());
        return Collections.unmodifiableMap(commands);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command in-process and returns its exit code; what {@link #main} does without the exit. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (args.length == 0) {
            usage(err, commands);
            return USAGE;
        }
        String name = args[0];
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            usage(out, commands);
            return 0;
        }
        Command command = commands.get(name);
        if (command == null) {
            err.println("netharness: unknown command '" + name + "'");
            usage(err, commands);
            return USAGE;
        }
        try {
            return command.run(List.of(args).subList(1, args.length), out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("netharness " + name + ": interrupted");
            return 1;
        } catch (Exception e) {
            err.println("netharness " + name + ": " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private static void usage(PrintStream stream, Map<String, Command> commands) {
        stream.println("usage: java -jar netharness.jar <command> [args]");
        stream.println();
        stream.println("commands:");
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(4);
        commands.forEach((name, command) -> stream.printf("  %-" + width + "s  %s%n", name, command.summary()));
        stream.printf("  %-" + width + "s  %s%n", "help", "print this list");
    }
}
