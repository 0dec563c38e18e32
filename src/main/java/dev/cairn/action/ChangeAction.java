package dev.cairn.action;

/**
 * A change to an action item; every field is optional. {@code decision} is one of do, wont_do,
 * later; dates are ISO dates (2026-05-31); {@code done} applies to items decided "do".
 */
public record ChangeAction(
        String title,
        String description,
        String decision,
        String reason,
        Long ownerId,
        Long teamId,
        String dueOn,
        String revisitOn,
        Boolean done) {

    public static ChangeAction decide(String decision, String reason, Long ownerId, String dueOn, String revisitOn) {
        return new ChangeAction(null, null, decision, reason, ownerId, null, dueOn, revisitOn, null);
    }

    public static ChangeAction done(boolean done) {
        return new ChangeAction(null, null, null, null, null, null, null, null, done);
    }
}
