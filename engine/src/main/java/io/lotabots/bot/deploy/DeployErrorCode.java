package io.lotabots.bot.deploy;

import io.lotabots.error.ErrorCode;

/**
 * Codes for deployments DeployBot refuses or cannot finish.
 */
public enum DeployErrorCode implements ErrorCode {
    /** An option is missing or contradicts another, for example neither manifests nor an image. */
    INVALID_REQUEST,
    /** A manifest cannot be read: a YAML or schema error, an unknown kind, a missing image or variable. */
    INVALID_MANIFEST,
    /** The environment has no usable credentials: no kubeconfig, an unknown context, a user without secrets. */
    NO_CREDENTIALS,
    /** The namespace of the environment does not exist. */
    NO_NAMESPACE,
    /** The environment needs an approval that was not given. */
    APPROVAL_REQUIRED,
    /** On-demand rollback found nothing to roll back to. */
    NOTHING_TO_ROLL_BACK,
    /** A backup cannot be written or read. */
    BACKUP_FAILURE,
    /** The Kubernetes API kept failing after the retries. */
    KUBERNETES_API {
        @Override
        public boolean isUserError() {
            return false;
        }
    },
    /** The deploy target failed in a way that left it changed: the journal lists what was done and undone. */
    TARGET_FAILURE {
        @Override
        public boolean isUserError() {
            return false;
        }
    }
}
