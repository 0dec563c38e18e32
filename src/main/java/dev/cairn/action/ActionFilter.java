package dev.cairn.action;

/**
 * Filters on action items across incidents; null means any. {@code state} is a decision
 * (proposed, do, wont_do, later), {@code open} (decided do, not done) or {@code done}.
 */
public record ActionFilter(Long teamId, String state, boolean overdueOnly) {

    public static final ActionFilter ALL = new ActionFilter(null, null, false);

    public ActionFilter {
        if (state != null && state.isBlank()) {
            state = null;
        }
        if (state != null && !state.equals("open") && !state.equals("done")) {
            Decision.parse(state, "state");
        }
    }
}
