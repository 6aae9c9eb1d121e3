package io.netharness.it.docs;

import java.util.Arrays;
import java.util.List;

/**
 * One fenced code block of a Markdown file.
 *
 * @param file the Markdown file, relative to the repository root (as messages name it)
 * @param line the line of the opening fence, counting from 1
 * @param info the fence's info string: a language, then optional flags ({@code java no-run})
 * @param lines the block's lines, without the fences
 */
record MarkdownBlock(String file, int line, String info, List<String> lines) {

    /** The language word of the info string, lower case; empty for a bare fence. */
    String language() {
        String[] words = words();
        return words.length == 0 ? "" : words[0].toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the info string carries {@code flag} after the language. */
    boolean hasFlag(String flag) {
        String[] words = words();
        return Arrays.asList(words).subList(Math.min(1, words.length), words.length).contains(flag);
    }

    /** The README line of the block's {@code index}-th line (0-based). */
    int lineOf(int index) {
        return line + 1 + index;
    }

    /** {@code toxiproxy-server/README.md:14}: where the block starts, as editors and consoles link it. */
    String where() {
        return file + ":" + line;
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }

    private String[] words() {
        String trimmed = info.trim();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    @Override
    public String toString() {
        return where() + " (```" + info.trim() + ")";
    }
}
