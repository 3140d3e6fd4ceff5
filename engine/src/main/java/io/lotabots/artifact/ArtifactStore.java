package io.lotabots.artifact;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where build outputs are kept. A key is a relative path with {@code /} as separator, for example
 * {@code build-42/target/app.jar}: no empty, {@code .} or {@code ..} segments, no leading {@code /}, no
 * backslash and no control characters. A key ending in {@code /} names a folder, for {@link #urlOf(String)}.
 *
 * <p>Stores may hold network clients; close them when done.</p>
 */
public interface ArtifactStore extends AutoCloseable {
    /**
     * Stores a file under a key, replacing what was there. Readers never see a half-written file.
     *
     * @param key the key, for example {@code build-42/target/app.jar}
     * @param file the file to store; it is read as a stream
     * @return the URL of the stored file, for example {@code s3://bucket/prefix/build-42/target/app.jar}
     * @throws io.lotabots.error.LotaBotsException with {@link ArtifactErrorCode#INVALID_KEY} for a bad key, or
     *         {@link ArtifactErrorCode#STORE_FAILURE} if the store cannot be written
     */
    String put(String key, Path file);

    /**
     * Returns the URL of a key or a folder, without touching the store.
     *
     * @param key the key, or a folder key ending in {@code /}, for example {@code build-42/}
     * @return the URL
     */
    String urlOf(String key);

    /**
     * Returns whether a file is stored under the key.
     *
     * @param key the key
     * @return {@code true} if it exists
     */
    boolean exists(String key);

    /**
     * Opens a stored file for reading; the caller closes the stream.
     *
     * @param key the key
     * @return the content
     * @throws io.lotabots.error.LotaBotsException with {@link ArtifactErrorCode#NOT_FOUND} if nothing is stored
     *         under the key
     */
    InputStream get(String key);

    /**
     * Describes the store for log lines, without any secret: {@code s3://bucket/prefix at http://host:9000}.
     *
     * @return the description
     */
    @Override
    String toString();

    /**
     * Releases network clients; a local store has nothing to release.
     */
    @Override
    default void close() {
        // nothing to release
    }
}
