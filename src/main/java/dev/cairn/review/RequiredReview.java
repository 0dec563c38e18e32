package dev.cairn.review;

import dev.cairn.incident.CloseGuard;
import dev.cairn.incident.Incident;
import dev.cairn.review.internal.ReviewStore;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** An incident whose policy requires a review is closed only once that review is published. */
@Component
class RequiredReview implements CloseGuard {

    private final ReviewPolicies policies;
    private final ReviewStore store;

    RequiredReview(ReviewPolicies policies, ReviewStore store) {
        this.policies = policies;
        this.store = store;
    }

    @Override
    public Optional<String> refuseClose(Incident incident) {
        ReviewPolicy policy = policies.forIncident(incident);
        if (!policy.required()) {
            return Optional.empty();
        }
        boolean published = store.find(incident.id())
                .map(row -> row.state() == ReviewState.PUBLISHED)
                .orElse(false);
        return published
                ? Optional.empty()
                : Optional.of("its " + policy.depth().label().toLowerCase(java.util.Locale.ROOT)
                        + " must be published first (/incidents/" + incident.id() + "/review)");
    }
}
