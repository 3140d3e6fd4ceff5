package io.lotabots.bot.incident;

import io.lotabots.error.LotaBotsException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads incident ids, {@code INC-<number>}, for the stores.
 */
final class IncidentIds {
    private static final Pattern ID = Pattern.compile(Incident.ID_PREFIX + "([1-9][0-9]{0,17})");

    private IncidentIds() {
    }

    /**
     * Returns whether a text is an incident id.
     *
     * @param text the text, for example a file name without {@code .json}
     * @return {@code true} for {@code INC-<number>}
     */
    static boolean isId(final String text) {
        return ID.matcher(text).matches();
    }

    /**
     * Returns the number of an id.
     *
     * @param id the id
     * @return its number
     * @throws LotaBotsException with {@link IncidentErrorCode#INVALID_INPUT} if it is not an incident id
     */
    static long numberOf(final String id) {
        Matcher matcher = ID.matcher(id);
        if (!matcher.matches()) {
            throw LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, "'" + id + "' is not an incident id; an id"
                    + " reads " + Incident.ID_PREFIX + "<number>, for example " + Incident.ID_PREFIX + "12.");
        }
        return Long.parseLong(matcher.group(1));
    }

    /**
     * Returns the id of a number.
     *
     * @param number the number
     * @return {@code INC-<number>}
     */
    static String idOf(final long number) {
        return Incident.ID_PREFIX + number;
    }
}
