package io.lotabots.http;

import io.lotabots.error.ErrorCode;

/**
 * Codes for HTTP checks that cannot be run as given.
 */
public enum HttpErrorCode implements ErrorCode {
    /** A check's URL, status, timeout or retries are not usable. */
    INVALID_CHECK
}
