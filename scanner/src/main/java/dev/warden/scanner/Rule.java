package dev.warden.scanner;

import java.util.List;

/**
 * One scanner rule: a stable id, how bad its findings are, and how it looks around the places where
 * one of its keywords occurs. Files without any keyword of a rule are never shown to it, which is what
 * keeps a scan close to the cost of reading the bytes.
 */
public interface Rule {
    /** The stable id, as in SARIF's {@code ruleId}: {@code atlassian-api-token}. */
    String id();

    /** A short name for people. */
    String title();

    /** What the rule finds and what to do about it, a sentence or two. */
    String help();

    Severity severity();

    /** Lower-case ASCII strings, matched ignoring case, one of which every finding lies near. */
    List<String> keywords();

    /**
     * Whether what the rule finds is a secret (a token, a key): a place that keeps files, such as the
     * server's ticket attachments, refuses a file with one. Rules that find code or declarations say no.
     */
    default boolean findsSecrets() {
        return true;
    }

    /** Looks around one occurrence of a keyword (at {@code at}) and reports what it finds. */
    void check(Content content, int at, Findings findings);
}
