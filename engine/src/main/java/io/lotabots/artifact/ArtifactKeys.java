package io.lotabots.artifact;

import io.lotabots.error.LotaBotsException;

import java.nio.charset.StandardCharsets;

/**
 * The rules every store applies to keys, so that no key escapes a store or means different things in two stores.
 */
final class ArtifactKeys {
    /** The longest key S3 accepts, in UTF-8 bytes; local stores use the same bound. */
    static final int MAX_KEY_BYTES = 1024;

    private ArtifactKeys() {
    }

    /**
     * Checks a key of a file.
     *
     * @param key the key
     * @return the key
     */
    static String checkFile(final String key) {
        if (key.endsWith("/")) {
            throw invalid(key, "ends with '/', which names a folder; name the file");
        }
        return check(key);
    }

    /**
     * Checks a key of a file or a folder (ending in {@code /}); the empty key is the root of the store.
     *
     * @param key the key
     * @return the key
     */
    static String checkFileOrFolder(final String key) {
        if (!key.isEmpty()) {
            check(key.endsWith("/") ? key.substring(0, key.length() - 1) : key);
        }
        return key;
    }

    private static String check(final String key) {
        if (key.isEmpty()) {
            throw invalid(key, "is empty");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw invalid(key.substring(0, 64) + "...", "is longer than " + MAX_KEY_BYTES + " bytes");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c)) {
                throw invalid(key.replaceAll("\\p{Cntrl}", "?"), "contains a control character");
            }
            if (c == '\\') {
                throw invalid(key, "contains '\\'; use '/' between folders");
            }
        }
        if (key.startsWith("/")) {
            throw invalid(key, "starts with '/'; keys are relative to the store");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || ".".equals(segment) || "..".equals(segment)) {
                throw invalid(key, "has an empty, '.' or '..' segment; keys cannot leave the store");
            }
        }
        return key;
    }

    private static LotaBotsException invalid(final String key, final String problem) {
        return LotaBotsException.of(ArtifactErrorCode.INVALID_KEY, "The artifact key '" + key + "' " + problem
                + ".");
    }
}
