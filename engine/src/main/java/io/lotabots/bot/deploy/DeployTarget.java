package io.lotabots.bot.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Optional;

/**
 * Where DeployBot puts a version: a Kubernetes namespace or release directories. A target is made for one
 * environment and one version; DeployBot calls it in this order and never skips a step:
 *
 * <ol>
 *     <li>{@link #validate()}: checks every input and the environment (manifests, image, credentials, namespace,
 *     artifact) and throws a {@link io.lotabots.error.LotaBotsException} before anything is changed;</li>
 *     <li>{@link #backup(BackupStore)}: saves the state it is about to change and returns where it is;</li>
 *     <li>{@link #deploy(DeployStrategy, DeployChecks)}: deploys with the strategy, asks {@link DeployChecks}
 *     before traffic moves, and undoes its own changes when a check, the rollout or the API fails, so that the
 *     previous version keeps serving;</li>
 *     <li>{@link #rollback(String)} is called instead, on demand, with the reference of an earlier backup.</li>
 * </ol>
 */
public interface DeployTarget extends AutoCloseable {
    /**
     * Returns the kind, as in {@code deploy.started}.
     *
     * @return {@code kubernetes} or {@code directory}
     */
    String getKind();

    /**
     * Describes where the target deploys, for log lines, without secrets.
     *
     * @return for example {@code namespace shop-staging}
     */
    String describe();

    /**
     * Checks every input and the environment before anything is changed.
     *
     * @throws io.lotabots.error.LotaBotsException naming the file, field or resource and what to do
     */
    void validate();

    /**
     * Saves the current state of everything the deployment will touch.
     *
     * @param backups where backups are written
     * @return the backup reference, or empty when nothing is deployed yet
     */
    Optional<String> backup(BackupStore backups);

    /**
     * Deploys. Failures of checks, rollout or API end in an outcome that is not {@link TargetDeployment#switched()},
     * after the target undid what it did; the outcome lists what was done and undone.
     *
     * @param strategy the strategy
     * @param checks the smoke tests and the canary check DeployBot runs for the target
     * @return what happened
     */
    TargetDeployment deploy(DeployStrategy strategy, DeployChecks checks);

    /**
     * Restores the state of an earlier backup, or the previous release when the target keeps its own history.
     *
     * @param backupRef the reference {@link #backup(BackupStore)} returned, or {@code null} when none was recorded
     * @param backups where backups are read from
     * @return what happened
     */
    TargetRollback rollback(@CheckForNull String backupRef, BackupStore backups);

    /**
     * Releases what the target holds, such as an API client.
     */
    @Override
    default void close() {
        // nothing to release
    }
}
