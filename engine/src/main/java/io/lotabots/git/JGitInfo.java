package io.lotabots.git;

import io.lotabots.error.LotaBotsException;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads branch, commit and changed files with JGit from the repository that holds the workspace (the workspace
 * itself or a folder above it, as {@code git} finds it). No {@code git} program is needed.
 *
 * <p>On a detached HEAD, as CI servers check out, the branch comes from the first CI variable that is set, in
 * the order of {@link #BRANCH_VARIABLES}; a remote prefix such as {@code origin/} is dropped. Without any, the
 * branch is {@code HEAD}.</p>
 */
public final class JGitInfo implements GitInfo {
    /**
     * The variables that name the branch on a detached HEAD: Jenkins multibranch, the Jenkins Git plugin, GitHub
     * Actions and GitLab CI.
     */
    public static final List<String> BRANCH_VARIABLES = List.of("BRANCH_NAME", "GIT_LOCAL_BRANCH", "GIT_BRANCH",
            "GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME");

    private final File gitDir;
    private final Function<String, Optional<String>> variables;

    private JGitInfo(final File gitDir, final Function<String, Optional<String>> variables) {
        this.gitDir = gitDir;
        this.variables = variables;
    }

    /**
     * Finds the repository of a workspace.
     *
     * @param workspace the workspace
     * @param variables looks up CI variables by name, for the branch of a detached HEAD
     * @return the information
     * @throws LotaBotsException with {@link GitErrorCode#NO_REPOSITORY} if there is no repository in or above
     *         the workspace
     */
    public static JGitInfo open(final Path workspace, final Function<String, Optional<String>> variables) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(workspace.toAbsolutePath().toFile());
        File gitDir = builder.getGitDir();
        if (gitDir == null) {
            throw LotaBotsException.of(GitErrorCode.NO_REPOSITORY, "There is no Git repository in '" + workspace
                    + "' or a folder above it; check out the code with Git, or give the branch and commit"
                    + " explicitly.");
        }
        return new JGitInfo(gitDir, variables);
    }

    /**
     * Returns the branch named by the CI variables, for a detached HEAD or a workspace without repository.
     *
     * @param variables looks up CI variables by name
     * @return the branch without remote prefix, or empty if no variable of {@link #BRANCH_VARIABLES} is set
     */
    public static Optional<String> branchFromVariables(final Function<String, Optional<String>> variables) {
        for (String name : BRANCH_VARIABLES) {
            Optional<String> value = variables.apply(name).map(String::trim).filter(text -> !text.isEmpty());
            if (value.isPresent()) {
                return value.map(JGitInfo::stripRemote);
            }
        }
        return Optional.empty();
    }

    private static String stripRemote(final String branch) {
        for (String prefix : List.of(Constants.R_HEADS, Constants.R_REMOTES + "origin/", "remotes/origin/",
                "origin/")) {
            if (branch.startsWith(prefix) && branch.length() > prefix.length()) {
                return branch.substring(prefix.length());
            }
        }
        return branch;
    }

    /**
     * Returns the folder of the repository's metadata.
     *
     * @return the {@code .git} folder
     */
    public Path getGitDir() {
        return gitDir.toPath();
    }

    /**
     * Returns the top folder of the checked-out files.
     *
     * @return the work tree
     * @throws LotaBotsException with {@link GitErrorCode#NO_WORK_TREE} for a bare repository
     */
    public Path getWorkTree() {
        try (Repository repository = repository()) {
            if (repository.isBare()) {
                throw LotaBotsException.of(GitErrorCode.NO_WORK_TREE, "The Git repository '" + gitDir
                        + "' is bare; it has no checked-out files.");
            }
            return repository.getWorkTree().toPath();
        }
        catch (IOException e) {
            throw unreadable(e);
        }
    }

    private Repository repository() throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
    }

    @Override
    public String getBranch() {
        try (Repository repository = repository()) {
            Ref head = repository.exactRef(Constants.HEAD);
            if (head != null && head.isSymbolic()) {
                return Repository.shortenRefName(head.getTarget().getName());
            }
            return branchFromVariables(variables).orElse(Constants.HEAD);
        }
        catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public String getCommit() {
        try (Repository repository = repository()) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                throw LotaBotsException.of(GitErrorCode.NO_COMMIT, "The Git repository '" + gitDir
                        + "' has no commit yet; commit first, or give the commit explicitly.");
            }
            return head.name();
        }
        catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public List<String> getChangedFilesSince(final String ref) {
        try (Repository repository = repository();
                DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            ObjectId base = resolveTree(repository, ref);
            ObjectId head = resolveTree(repository, Constants.HEAD);
            diff.setRepository(repository);
            diff.setDetectRenames(true);
            TreeSet<String> paths = new TreeSet<>();
            for (DiffEntry entry : diff.scan(base, head)) {
                paths.add(entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath()
                        : entry.getNewPath());
                if (entry.getChangeType() == DiffEntry.ChangeType.RENAME) {
                    paths.add(entry.getOldPath());
                }
            }
            return List.copyOf(paths);
        }
        catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public List<ChangedFile> getChangedLinesSince(final String ref) {
        try (Repository repository = repository();
                DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            if (repository.isBare()) {
                throw LotaBotsException.of(GitErrorCode.NO_WORK_TREE, "The Git repository '" + gitDir
                        + "' is bare; changed lines need a checked-out working tree.");
            }
            RevCommit base = mergeBase(repository, ref);
            CanonicalTreeParser before = new CanonicalTreeParser();
            try (ObjectReader reader = repository.newObjectReader()) {
                before.reset(reader, base.getTree());
            }
            diff.setRepository(repository);
            diff.setDetectRenames(true);
            diff.setPathFilter(new NotIgnoredUnlessTracked());
            List<ChangedFile> result = new ArrayList<>();
            for (DiffEntry entry : diff.scan(before, new FileTreeIterator(repository))) {
                FileMode mode = entry.getNewMode();
                if (entry.getChangeType() == DiffEntry.ChangeType.DELETE
                        || mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                FileHeader header = diff.toFileHeader(entry);
                boolean binary = header.getPatchType() != FileHeader.PatchType.UNIFIED;
                List<LineRange> lines = new ArrayList<>();
                for (Edit edit : header.toEditList()) {
                    if (edit.getEndB() > edit.getBeginB()) {
                        lines.add(new LineRange(edit.getBeginB() + 1, edit.getEndB()));
                    }
                }
                if (binary || !lines.isEmpty()) {
                    result.add(new ChangedFile(entry.getNewPath(), lines, binary));
                }
            }
            result.sort(Comparator.comparing(ChangedFile::path));
            return List.copyOf(result);
        }
        catch (IOException e) {
            throw unreadable(e);
        }
    }

    private RevCommit mergeBase(final Repository repository, final String ref) throws IOException {
        ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
        if (head == null) {
            throw LotaBotsException.of(GitErrorCode.NO_COMMIT, "The Git repository '" + gitDir
                    + "' has no commit yet; commit first, or scan the whole workspace.");
        }
        ObjectId other = resolveCommit(repository, ref);
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(other));
            walk.markStart(walk.parseCommit(head));
            RevCommit base = walk.next();
            if (base == null) {
                throw LotaBotsException.of(GitErrorCode.NO_MERGE_BASE, "'" + ref + "' and HEAD have no common"
                        + " history in '" + gitDir + "'; give a ref HEAD was branched from, or fetch more history"
                        + " if the clone is shallow.");
            }
            return walk.parseCommit(base);
        }
        catch (MissingObjectException e) {
            throw LotaBotsException.of(GitErrorCode.NO_MERGE_BASE, "The history between '" + ref + "' and HEAD is"
                    + " incomplete in '" + gitDir + "' (" + e.getObjectId().name() + " is missing); fetch more"
                    + " history, for example with 'git fetch --unshallow'.", e);
        }
    }

    private ObjectId resolveCommit(final Repository repository, final String ref) throws IOException {
        ObjectId commit;
        try {
            commit = repository.resolve(ref + "^{commit}");
        }
        catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
            throw LotaBotsException.of(GitErrorCode.UNKNOWN_REF, "'" + ref + "' is not a valid Git revision or does"
                    + " not name a commit; give a branch, tag or commit.", e);
        }
        if (commit == null) {
            throw LotaBotsException.of(GitErrorCode.UNKNOWN_REF, "There is no branch, tag or commit '" + ref
                    + "' in '" + gitDir + "'; fetch it first (a shallow clone may lack it).");
        }
        return commit;
    }

    /**
     * Leaves out what Git ignores in the working tree (tree 1 of the walk), unless the base commit (tree 0) has it.
     */
    private static final class NotIgnoredUnlessTracked extends TreeFilter {
        @Override
        public boolean include(final TreeWalk walker) throws IOException {
            if (walker.getRawMode(0) != 0) {
                return true;
            }
            WorkingTreeIterator work = walker.getTree(1, WorkingTreeIterator.class);
            return work == null || !work.isEntryIgnored();
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }

        @Override
        public String toString() {
            return "NOT_IGNORED_UNLESS_TRACKED";
        }
    }

    private ObjectId resolveTree(final Repository repository, final String ref) throws IOException {
        ObjectId tree;
        try {
            tree = repository.resolve(ref + "^{tree}");
        }
        catch (RevisionSyntaxException e) {
            throw LotaBotsException.of(GitErrorCode.UNKNOWN_REF, "'" + ref + "' is not a valid Git revision;"
                    + " give a branch, tag or commit.", e);
        }
        if (tree == null) {
            throw LotaBotsException.of(GitErrorCode.UNKNOWN_REF, Constants.HEAD.equals(ref)
                    ? "The Git repository '" + gitDir + "' has no commit yet."
                    : "There is no branch, tag or commit '" + ref + "' in '" + gitDir
                            + "'; fetch it first (a shallow clone may lack it).");
        }
        return tree;
    }

    private LotaBotsException unreadable(final IOException e) {
        return LotaBotsException.of(GitErrorCode.IO_FAILURE, "Cannot read the Git repository '" + gitDir + "': "
                + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return gitDir.toString();
    }
}
