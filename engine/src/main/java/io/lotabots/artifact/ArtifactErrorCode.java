package io.lotabots.artifact;

import io.lotabots.error.ErrorCode;

/**
 * Codes for artifact stores that cannot be used.
 */
public enum ArtifactErrorCode implements ErrorCode {
    /** A key is empty, absolute, has {@code .} or {@code ..} segments or other characters a store refuses. */
    INVALID_KEY,
    /** A store location cannot be understood: an unknown scheme, a bad bucket name or endpoint. */
    INVALID_LOCATION,
    /** A store folder given as a relative path leaves the workspace with {@code ..}. */
    OUTSIDE_WORKSPACE,
    /** Nothing is stored under a key. */
    NOT_FOUND,
    /** The store cannot be read or written: a full disk, an unreachable server, refused credentials. */
    STORE_FAILURE
}
