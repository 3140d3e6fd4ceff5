package io.lotabots.error;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Objects;

/**
 * The one root exception of the engine. Its message says what failed, which input caused it, and what to do.
 * Instances are created through static factories, here or in the area that owns the {@link ErrorCode}.
 */
public class LotaBotsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * Creates an exception.
     *
     * @param code the error code
     * @param message what failed, which input caused it, and what to do
     * @param cause the underlying failure, if any
     */
    protected LotaBotsException(final ErrorCode code, final String message, @CheckForNull final Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * Creates an exception with the given code and message.
     *
     * @param code the error code
     * @param message what failed, which input caused it, and what to do
     * @return the exception
     */
    public static LotaBotsException of(final ErrorCode code, final String message) {
        return new LotaBotsException(code, message, null);
    }

    /**
     * Creates an exception with the given code, message and cause.
     *
     * @param code the error code
     * @param message what failed, which input caused it, and what to do
     * @param cause the underlying failure
     * @return the exception
     */
    public static LotaBotsException of(final ErrorCode code, final String message, final Throwable cause) {
        return new LotaBotsException(code, message, cause);
    }

    /**
     * Returns the code that classifies this failure.
     *
     * @return the code
     */
    public ErrorCode getCode() {
        return code;
    }
}
