package io.lotabots.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 digest and size of a file, read as a stream in blocks so that a large artifact takes no more memory
 * than a small one.
 *
 * @param sha256 the digest in lower-case hex
 * @param size the number of bytes read
 */
public record FileDigest(String sha256, long size) {
    private static final int BLOCK = 64 * 1024;

    /**
     * Reads a file and returns its digest and size.
     *
     * @param file the file
     * @return the digest
     * @throws IOException if the file cannot be read
     */
    public static FileDigest of(final Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        long size = 0;
        byte[] block = new byte[BLOCK];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(block)) >= 0) {
                digest.update(block, 0, read);
                size += read;
            }
        }
        return new FileDigest(HexFormat.of().formatHex(digest.digest()), size);
    }
}
