package io.lotabots.workflow;

/**
 * The answer at an approval point.
 */
public sealed interface ApprovalDecision {
    /**
     * A person approved.
     *
     * @param approver who approved
     * @param comment what they said, may be empty
     */
    record Granted(String approver, String comment) implements ApprovalDecision {
    }

    /**
     * Not approved: the run stops at the approval point.
     *
     * @param reason why, including how to approve next time
     */
    record Denied(String reason) implements ApprovalDecision {
    }

    /**
     * The approval was skipped by an explicit override, as the hotfix and security-first scenarios allow.
     *
     * @param by who overrode it
     * @param reason why
     */
    record Overridden(String by, String reason) implements ApprovalDecision {
    }
}
