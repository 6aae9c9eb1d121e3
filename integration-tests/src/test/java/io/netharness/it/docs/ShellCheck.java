package io.netharness.it.docs;

import io.netharness.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks what can be checked of a shell block ({@code ```bash}, {@code ```sh} or a bare fence) without running it:
 * modules named by {@code mvn -pl} exist, {@code netharness.jar} commands and their {@code --flags} exist (as the
 * command's own {@code --help} lists them), repository paths exist (build output aside), and
 * {@code io.netharness} classes named on a command line exist.
 */
final class ShellCheck {

    private static final Pattern CLASS_NAME = Pattern.compile("io\\.netharness(\\.[a-z]\\w*)*\\.[A-Z]\\w*");

    private final Path root;
    private final Reactor reactor;
    private final Map<String, String> helpTexts = new HashMap<>();

    ShellCheck(Path root, Reactor reactor) {
        this.root = root;
        this.reactor = reactor;
    }

    /** How many commands were checked, for the report; throws an AssertionError listing every problem. */
    String check(MarkdownBlock block) {
        List<String> problems = new ArrayList<>();
        List<List<String>> commands = commands(block);
        for (List<String> words : commands) {
            problems.addAll(problems(words));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(block + ": " + String.join("; ", problems) + "\n" + Conventions.HINT);
        }
        return commands.size() + " command line(s) checked";
    }

    private List<String> problems(List<String> words) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-pl") && i + 1 < words.size()) {
                for (String module : words.get(i + 1).split(",")) {
                    String dir = module.replaceFirst("^[!:]", "");
                    if (!reactor.modules().containsKey(dir)) {
                        problems.add("-pl names " + dir + ", not a module (modules: "
                                + String.join(", ", reactor.moduleDirectories()) + ")");
                    }
                }
            }
            if (word.endsWith("netharness.jar") && i + 1 < words.size()) {
                problems.addAll(jarCommand(words.subList(i + 1, words.size())));
            }
            if (CLASS_NAME.matcher(word).matches() && !classExists(word)) {
                problems.add("no class " + word);
            }
            if (isRepositoryPath(word) && !Files.exists(root.resolve(word))) {
                problems.add("no file " + word + " in the repository");
            }
        }
        return problems;
    }

    private List<String> jarCommand(List<String> args) {
        String command = args.get(0);
        String commands = help("help");
        if (!Pattern.compile("(?m)^  " + Pattern.quote(command) + " ").matcher(commands).find()) {
            return List.of("netharness.jar has no command " + command + " (java -jar netharness.jar help lists"
                    + " them)");
        }
        List<String> problems = new ArrayList<>();
        for (String arg : args.subList(1, args.size())) {
            if (arg.startsWith("--") && !arg.equals("--help")) {
                String flag = arg.split("=", 2)[0];
                if (!Pattern.compile("(^|[\\s\\[|])" + Pattern.quote(flag) + "\\b").matcher(help(command, "--help"))
                        .find()) {
                    problems.add(command + " has no flag " + flag + " (" + command + " --help lists them)");
                }
            }
        }
        return problems;
    }

    /** What {@code netharness.jar <args>} prints, run in-process; only ever asked for help texts. */
    private String help(String... args) {
        return helpTexts.computeIfAbsent(String.join(" ", args), key -> {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            PrintStream stream = new PrintStream(text, true, StandardCharsets.UTF_8);
            Main.run(args, stream, stream);
            return text.toString(StandardCharsets.UTF_8);
        });
    }

    private boolean isRepositoryPath(String word) {
        int slash = word.indexOf('/');
        if (slash <= 0 || word.matches(".*(target/|[*$<>{}]).*") || word.contains("://")) {
            return false;
        }
        return Files.exists(root.resolve(word.substring(0, slash)));
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name, false, ShellCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The block's command lines (continuations joined, comments dropped), split into unquoted words. */
    static List<List<String>> commands(MarkdownBlock block) {
        List<List<String>> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : block.lines()) {
            String text = line.strip();
            if (text.endsWith("\\")) {
                current.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            current.append(text);
            for (String command : current.toString().split("&&|;|\\|\\|")) {
                List<String> words = words(command);
                if (!words.isEmpty()) {
                    commands.add(words);
                }
            }
            current.setLength(0);
        }
        return commands;
    }

    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && word.length() == 0) {
                break; // a comment
            } else if (Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
