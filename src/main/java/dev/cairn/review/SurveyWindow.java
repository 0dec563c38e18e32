package dev.cairn.review;

import dev.cairn.review.internal.SurveyStore.Invitation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long an incident's survey takes answers: {@code cairn.review.survey-open-for} (14 days) from
 * its first invitation, or until everyone invited has answered. Results are shown only once it has
 * closed, and only closed surveys count in figures across incidents, so a shown number never moves
 * by one answer: whoever watched a mean change from 3 to 4 answers could otherwise work out the
 * 4th person's scores.
 */
@Component
class SurveyWindow {

    private final Duration openFor;
    private final Clock clock;

    SurveyWindow(@Value("${cairn.review.survey-open-for:P14D}") Duration openFor, Clock clock) {
        if (openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("cairn.review.survey-open-for must be positive, was " + openFor);
        }
        this.openFor = openFor;
        this.clock = clock;
    }

    Instant closesAt(Instant firstInvitation) {
        return firstInvitation.plus(openFor);
    }

    /** Surveys first sent before this have closed by time. */
    Instant closedBefore() {
        return clock.instant().minus(openFor);
    }

    boolean closed(Instant firstInvitation, int invited, int responded) {
        return (invited > 0 && responded >= invited) || !clock.instant().isBefore(closesAt(firstInvitation));
    }

    /** Whether the survey of these invitations (one incident's, at least one) has closed. */
    boolean closed(List<Invitation> invitations) {
        int responded = (int) invitations.stream().filter(Invitation::responded).count();
        return closed(firstInvitation(invitations), invitations.size(), responded);
    }

    Instant closesAt(List<Invitation> invitations) {
        return closesAt(firstInvitation(invitations));
    }

    private static Instant firstInvitation(List<Invitation> invitations) {
        return invitations.stream()
                .map(Invitation::invitedAt)
                .min(Instant::compareTo)
                .orElseThrow();
    }
}
