package io.lotabots.workflow;

import java.util.Set;

/**
 * Decides approval points. When nobody can be asked (CI, a script), an approval point is denied unless it was
 * approved up front by name.
 */
@FunctionalInterface
public interface ApprovalPolicy {
    /**
     * Decides one approval point.
     *
     * @param gate the approval point, for example {@code deploy.production}
     * @param description what happens once approved
     * @return the decision
     */
    ApprovalDecision decide(String gate, String description);

    /**
     * Returns the policy for runs where nobody can be asked: the named gates are approved by the given approver,
     * every other gate is denied with a reason that says how to approve it. The gate name {@code all} approves
     * every gate.
     *
     * @param approvedGates the gates approved up front
     * @param approver who approved them, for example the user running the command
     * @return the policy
     */
    static ApprovalPolicy preApproved(final Set<String> approvedGates, final String approver) {
        Set<String> gates = Set.copyOf(approvedGates);
        return (gate, description) -> gates.contains(gate) || gates.contains("all")
                ? new ApprovalDecision.Granted(approver, "approved up front")
                : new ApprovalDecision.Denied("not approved, and nobody can be asked in a non-interactive run;"
                        + " approve it up front with --approve " + gate);
    }

    /**
     * Returns the policy that overrides every gate, recording who and why.
     *
     * @param by who overrides
     * @param reason why
     * @return the policy
     */
    static ApprovalPolicy overriding(final String by, final String reason) {
        return (gate, description) -> new ApprovalDecision.Overridden(by, reason);
    }
}
