package io.lotabots.scenario;

import io.lotabots.error.ErrorCode;

/**
 * Codes for scenarios that cannot be found, read or run as asked.
 */
public enum ScenarioErrorCode implements ErrorCode {
    /** No scenario has the name. */
    UNKNOWN_SCENARIO,
    /** A scenario definition is malformed: YAML, an unknown key, bot or option. */
    INVALID_DEFINITION,
    /** An override names a stage or bot the scenario does not have, or an option the bot does not have. */
    INVALID_OVERRIDE
}
