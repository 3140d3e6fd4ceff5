package io.lotabots.bot.security.reports;

import java.util.Locale;
import java.util.Optional;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The scanner report formats LotaBots reads, with the id a user gives to name one explicitly
 * ({@code trivy:reports/trivy.json}) and the scanner's name as the findings' {@code tool}.
 */
public enum ScannerFormat {
    /** SARIF 2.1.0 of any static analyser (CodeQL, Semgrep, ...); read by analysis-model's {@code SarifAdapter}. */
    SARIF("sarif", "SARIF", null),
    /** {@code trivy fs|image --format json}; read by analysis-model's {@code TrivyParser}. */
    TRIVY("trivy", "Trivy", "https://trivy.dev"),
    /** {@code grype -o json}; read by analysis-model's {@code GrypeParser}. */
    GRYPE("grype", "Grype", "https://github.com/anchore/grype"),
    /** {@code osv-scanner --format json}; analysis-model 13.18.0 has no parser, LotaBots reads it. */
    OSV_SCANNER("osv-scanner", "OSV-Scanner", "https://google.github.io/osv-scanner/"),
    /** {@code dependency-check --format JSON}; read by analysis-model's {@code OwaspDependencyCheckParser}. */
    DEPENDENCY_CHECK("dependency-check", "Dependency-Check", "https://owasp.org/www-project-dependency-check/"),
    /** {@code gitleaks detect --report-format json}; analysis-model 13.18.0 has no parser, LotaBots reads it. */
    GITLEAKS("gitleaks", "Gitleaks", "https://github.com/gitleaks/gitleaks");

    private final String id;
    private final String toolName;
    @CheckForNull
    private final String informationUri;

    ScannerFormat(final String id, final String toolName, @CheckForNull final String informationUri) {
        this.id = id;
        this.toolName = toolName;
        this.informationUri = informationUri;
    }

    /**
     * Returns the id a user gives to name this format.
     *
     * @return the id, for example {@code osv-scanner}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the scanner's name, used as the findings' tool; a SARIF report names its own tool instead.
     *
     * @return the name, for example {@code Trivy}
     */
    public String toolName() {
        return toolName;
    }

    /**
     * Returns the scanner's home page, if it has one of its own.
     *
     * @return the address, or {@code null} for SARIF (the report names its tool)
     */
    @CheckForNull
    public String informationUri() {
        return informationUri;
    }

    /**
     * Finds a format by its id or constant name, ignoring case.
     *
     * @param text the id ({@code dependency-check}) or name ({@code DEPENDENCY_CHECK})
     * @return the format, or empty
     */
    public static Optional<ScannerFormat> ofId(final String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (ScannerFormat format : values()) {
            if (format.id.equals(wanted) || format.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
