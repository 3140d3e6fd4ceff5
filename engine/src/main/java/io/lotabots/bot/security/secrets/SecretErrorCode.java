package io.lotabots.bot.security.secrets;

import io.lotabots.error.ErrorCode;

/**
 * Codes for secret rules, configurations and baselines that cannot be used.
 */
public enum SecretErrorCode implements ErrorCode {
    /** A rule is malformed: a duplicate id, a regular expression that does not compile, no keywords. */
    INVALID_RULE,
    /** A rule file, configuration file or baseline cannot be read or parsed. */
    FILE_UNREADABLE,
    /** The built-in rules are missing from the class path. */
    BUILT_IN_RULES_MISSING {
        @Override
        public boolean isUserError() {
            return false;
        }
    }
}
