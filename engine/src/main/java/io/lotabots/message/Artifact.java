package io.lotabots.message;


/**
 * One artifact produced by a build.
 *
 * @param path path of the artifact relative to the workspace.
 * @param sha256 SHA-256 digest of the content, in lower-case hex.
 * @param size size in bytes.
 */
@Doc("One artifact produced by a build.")
public record Artifact(
        @Doc(value = "Path of the artifact relative to the workspace.") String path,
        @Doc(value = "SHA-256 digest of the content, in lower-case hex.") String sha256,
        @Doc(value = "Size in bytes.") Long size) {

    /**
     * Checks every field.
     */
    public Artifact {
        path = PayloadChecks.requiredText(BuildCompleted.TYPE, "path", path);
        sha256 = PayloadChecks.requiredSha256(BuildCompleted.TYPE, "sha256", sha256);
        size = PayloadChecks.requiredNonNegative(BuildCompleted.TYPE, "size", size);
    }
}
