package io.netharness.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/** The result of one measurement: a Markdown table of the figures and the goals it checks. */
public final class Section {

    private final String title;
    private final List<String> lines = new ArrayList<>();
    private final List<Goal> goals = new ArrayList<>();

    public Section(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Starts a table with these column headings. */
    public Section header(String... columns) {
        lines.add("| " + String.join(" | ", columns) + " |");
        lines.add("|" + "---|".repeat(columns.length));
        return this;
    }

    public Section row(Object... cells) {
        StringBuilder row = new StringBuilder("|");
        for (Object cell : cells) {
            row.append(' ').append(cell).append(" |");
        }
        lines.add(row.toString());
        return this;
    }

    /** A free line under the table: a note on method or a reason something was not measured. */
    public Section note(String text) {
        lines.add("");
        lines.add(text);
        return this;
    }

    public Section goal(Goal goal) {
        goals.add(goal);
        return this;
    }

    public List<Goal> goals() {
        return List.copyOf(goals);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String toMarkdown() {
        return "### " + title + "\n\n" + String.join("\n", lines) + "\n";
    }
}
