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

    /**
     * Returns the lines added or modified since a ref, the way a reviewer sees a pull request: the difference between
     * the merge base of the ref and HEAD, and the working tree (so committed, staged and unstaged changes, and files
     * not yet added unless Git ignores them), with renames detected. Deleted files, symbolic links and submodules
     * are left out, as are files whose only change is a deletion of lines or a rename.
     *
     * @param ref a branch, tag or commit, for example {@code origin/main}
     * @return the changed files, sorted by path (relative to the repository's work tree)
     * @throws io.lotabots.error.LotaBotsException with {@link GitErrorCode#UNKNOWN_REF} if the ref does not exist,
     *         {@link GitErrorCode#NO_MERGE_BASE} if it has no common history with HEAD,
     *         {@link GitErrorCode#NO_COMMIT} if HEAD has no commit, {@link GitErrorCode#NO_WORK_TREE} for a bare
     *         repository
     */
    List<ChangedFile> getChangedLinesSince(String ref);
}
