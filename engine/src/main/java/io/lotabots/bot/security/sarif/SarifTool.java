package io.lotabots.bot.security.sarif;

import java.util.Objects;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A tool as a SARIF run's {@code tool.driver} names it.
 *
 * @param name the name, as the findings' {@code tool} gives it ({@code lotabots-secrets}, {@code Trivy},
 *     {@code CodeQL})
 * @param version the tool's version, or {@code null} if not known
 * @param informationUri the tool's home page, or {@code null} if not known
 */
public record SarifTool(String name, @CheckForNull String version, @CheckForNull String informationUri) {
    /** The tool name of SecurityBot's secret scanner. */
    public static final String SECRETS = "lotabots-secrets";
    /** The tool name of SecurityBot's dependency matcher. */
    public static final String DEPENDENCIES = "lotabots-dependencies";

    /**
     * Checks the values.
     */
    public SarifTool {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Returns a tool with a name only.
     *
     * @param name the name
     * @return the tool
     */
    public static SarifTool named(final String name) {
        return new SarifTool(name, null, null);
    }
}
