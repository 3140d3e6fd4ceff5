package io.lotabots.git;

import java.util.List;

/**
 * What version control says about the code in a workspace.
 */
public interface GitInfo {
    /**
     * Returns the branch being built.
     *
     * @return the short branch name, for example {@code main}; {@code HEAD} if it cannot be told
     */
    String getBranch();

    /**
     * Returns the commit being built.
     *
     * @return the full commit id in lower-case hex
     * @throws io.lotabots.error.LotaBotsException with {@link GitErrorCode#NO_COMMIT} if there is none yet
     */
    String getCommit();

    /**
     * Returns the files that differ between a ref and the commit being built (committed changes only, not the
     * working tree), with renames detected.
     *
     * @param ref a branch, tag or commit, for example {@code origin/main} or {@code v1.2.0}
     * @return the paths relative to the repository, with {@code /} as separator, sorted: the new path of an added
     *         or changed file, the old path of a deleted one, both paths of a renamed one
     * @throws io.lotabots.error.LotaBotsException with {@link GitErrorCode#UNKNOWN_REF} if the ref does not
     *         exist
     */
    List<String> getChangedFilesSince(String ref);
}
