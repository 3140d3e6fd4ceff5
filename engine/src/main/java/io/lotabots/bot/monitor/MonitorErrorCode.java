package io.lotabots.bot.monitor;

import io.lotabots.error.ErrorCode;

/**
 * Codes for MonitorBot failures.
 */
public enum MonitorErrorCode implements ErrorCode {
    /** A criterion cannot be parsed, or names a metric nobody measures. */
    INVALID_CRITERION,
    /** A query option is not of the form NAME=PROMQL, or names an unknown preset. */
    INVALID_QUERY_OPTION,
    /** Options that do not fit together or are out of range. */
    INVALID_REQUEST,
    /** The baseline file cannot be read or is not a map of metric to value. */
    BASELINE_UNREADABLE
}
