package dev.cairn.review;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentType;
import dev.cairn.review.internal.ReviewPolicyStore;
import dev.cairn.shared.InvalidInputException;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which incidents need which review: a rule per severity, and one for drills. Admins change the
 * rules (audited); an incident with no rule (an unknown severity) gets an optional review.
 */
@Service
public class ReviewPolicies {

    private final ReviewPolicyStore store;
    private final Audit audit;
    private final Clock clock;

    ReviewPolicies(ReviewPolicyStore store, Audit audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ReviewPolicy> all() {
        return store.all();
    }

    public ReviewPolicy forIncident(Incident incident) {
        String rule = incident.type() == IncidentType.DRILL ? ReviewPolicy.DRILL : incident.severity();
        return store.find(rule).orElse(new ReviewPolicy(rule, ReviewDepth.OPTIONAL, false, null));
    }

    @Transactional
    public ReviewPolicy update(String rule, ReviewDepth depth, Boolean required, Actor actor) {
        Actors.requireAdmin(actor);
        ReviewPolicy current = store.find(rule)
                .orElseThrow(() -> new InvalidInputException(
                        "rule",
                        "must be one of "
                                + String.join(
                                        ", ",
                                        store.all().stream()
                                                .map(ReviewPolicy::rule)
                                                .toList())));
        ReviewDepth nextDepth = depth == null ? current.depth() : depth;
        boolean nextRequired = required == null ? current.required() : required;
        store.save(rule, nextDepth, nextRequired, actor.userId(), clock.instant());
        audit.record(
                actor,
                "review_policy.updated",
                "review_policy",
                rule,
                "depth=" + nextDepth.json() + " required=" + nextRequired);
        return store.find(rule).orElseThrow();
    }
}
