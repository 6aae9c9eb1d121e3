package io.netharness.app;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of {@code java -jar netharness.jar <command> [args]}. Register new ones in
 * {@link Main#commands()}.
 */
public interface Command {

    /** One line for the usage text. */
    String summary();

    /**
     * Runs the command; returns the process exit code (0 success, 1 failure, 2 bad usage). Writes its normal
     * output to {@code out} and problems to {@code err}; never calls {@link System#exit}.
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
