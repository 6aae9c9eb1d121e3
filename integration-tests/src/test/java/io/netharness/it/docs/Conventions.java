package io.netharness.it.docs;

/** Where the rules for code blocks are written down, for failure messages. */
final class Conventions {

    /** Appended to every failure of a documentation check. */
    static final String HINT = "(Code blocks in Markdown files are checked by " + Conventions.class.getPackageName()
            + ".DocumentationCodeBlocksTest; the rules are in integration-tests/README.md, \"Code blocks in the"
            + " documentation\".)";

    private Conventions() {}
}
