package io.lotabots.bot.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.lotabots.error.LotaBotsException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Chooses the incident store from one setting, the same for the command line and Jenkins: empty for the file store
 * in the front-end's default folder, a folder for the file store there, or a {@code jdbc:postgresql://} URL for the
 * PostgreSQL store, whose user and password come from the secrets {@value #USER_VARIABLE} and
 * {@value #PASSWORD_VARIABLE} (see {@code docs/bots/incident-store.md}).
 */
public final class IncidentStores {
    /** The secret that holds the database user (it may also be in the URL, as {@code ?user=NAME}). */
    public static final String USER_VARIABLE = "INCIDENT_DB_USER";
    /** The secret that holds the database password; never part of the URL. */
    public static final String PASSWORD_VARIABLE = "INCIDENT_DB_PASSWORD";

    private static final Pattern OTHER_URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:(//.*|[A-Za-z].*:.*)");

    private IncidentStores() {
    }

    /**
     * Opens the store a setting names.
     *
     * @param setting empty or {@code null}: the file store in {@code defaultFolder}; a folder, relative to
     *        {@code base} unless absolute: the file store there; {@code jdbc:postgresql://HOST:PORT/DATABASE}: the
     *        PostgreSQL store, with the user and password from {@code secrets}
     * @param base what a relative folder is relative to: the working folder on the command line, the Jenkins home
     *        in Jenkins
     * @param defaultFolder the front-end's folder for incidents, for example {@code .lotabots/incidents} of the
     *        working folder
     * @param secrets where {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE} are looked up: the environment
     *        on the command line, the credentials of the global configuration in Jenkins
     * @return the store
     * @throws LotaBotsException with {@link IncidentErrorCode#INVALID_INPUT} for a setting that is neither, and as
     *         {@link PostgresIncidentStore#connect} does
     */
    public static IncidentStore open(@CheckForNull final String setting, final Path base, final Path defaultFolder,
            final Map<String, String> secrets) {
        String value = setting == null ? "" : setting.strip();
        if (value.isEmpty()) {
            return FileIncidentStore.in(defaultFolder);
        }
        if (value.regionMatches(true, 0, "jdbc:", 0, "jdbc:".length())) {
            if (!value.startsWith("jdbc:postgresql:")) {
                throw LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, "The incident store '"
                        + PostgresIncidentStore.withoutPassword(value) + "' is a database LotaBots does not keep"
                        + " incidents in; give a folder or jdbc:postgresql://HOST:PORT/DATABASE.");
            }
            return PostgresIncidentStore.connect(value, blankToNull(secrets.get(USER_VARIABLE)),
                    blankToNull(secrets.get(PASSWORD_VARIABLE)));
        }
        if (OTHER_URL.matcher(value).matches() && !looksLikeWindowsPath(value)) {
            throw LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, "The incident store '"
                    + PostgresIncidentStore.withoutPassword(value) + "' looks like a URL; give a folder, or a"
                    + " PostgreSQL database as jdbc:postgresql://HOST:PORT/DATABASE.");
        }
        try {
            return FileIncidentStore.in(base.resolve(value));
        }
        catch (InvalidPathException e) {
            throw LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, "The incident store '" + value + "' is not"
                    + " a folder name: " + e.getReason() + ".", e);
        }
    }

    private static boolean looksLikeWindowsPath(final String value) {
        return value.length() > 2 && Character.isLetter(value.charAt(0)) && value.charAt(1) == ':'
                && (value.charAt(2) == '\\' || value.charAt(2) == '/');
    }

    @CheckForNull
    private static String blankToNull(@CheckForNull final String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
