package io.lotabots.bot.monitor.prometheus;

import io.lotabots.error.ErrorCode;

/**
 * Codes for failed calls of the Prometheus HTTP API.
 */
public enum PrometheusErrorCode implements ErrorCode {
    /** Prometheus rejected the query ({@code bad_data}, {@code execution}): the PromQL must be fixed. */
    INVALID_QUERY,
    /** The query answered with something that is not a number, such as a string. */
    NON_NUMERIC_RESULT,
    /** Prometheus did not answer in time, refused the connection or said it is unavailable. */
    UNAVAILABLE,
    /** The server answered, but not as the Prometheus HTTP API does. */
    BAD_RESPONSE
}
