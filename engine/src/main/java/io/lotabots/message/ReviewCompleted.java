package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Set;

/**
 * An automated code review finished.
 * The payload of the message type {@value #TYPE}.
 *
 * @param status outcome of the review.
 * @param issuesFound number of issues found.
 * @param reviewId identifier of the review or pull request.
 * @param comments number of comments written.
 */
@MessageTypeInfo(name = ReviewCompleted.TYPE, version = 1)
@Doc("An automated code review finished.")
public record ReviewCompleted(
        @Doc(value = "Outcome of the review.") String status,
        @Doc(value = "Number of issues found.") Integer issuesFound,
        @Doc(value = "Identifier of the review or pull request.", optional = true) @CheckForNull String reviewId,
        @Doc(value = "Number of comments written.", optional = true) @CheckForNull Integer comments) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "review.completed";
    private static final Set<String> STATUS_VALUES = Set.of("approved", "changes_requested", "commented");

    /**
     * Checks every field.
     */
    public ReviewCompleted {
        status = PayloadChecks.requiredOneOf(TYPE, "status", status, STATUS_VALUES);
        issuesFound = PayloadChecks.requiredNonNegative(TYPE, "issues_found", issuesFound);
        reviewId = PayloadChecks.optionalText(TYPE, "review_id", reviewId);
        comments = PayloadChecks.nonNegative(TYPE, "comments", comments);
    }
}
