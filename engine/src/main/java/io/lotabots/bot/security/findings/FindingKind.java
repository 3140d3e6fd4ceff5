package io.lotabots.bot.security.findings;

/**
 * What a finding is about.
 */
public enum FindingKind {
    /** A secret in a file. */
    SECRET,
    /** A dependency (library, OS package in an image) at a version an advisory affects. */
    VULNERABILITY,
    /** A weakness in code or configuration reported by a static analyser. */
    CODE
}
