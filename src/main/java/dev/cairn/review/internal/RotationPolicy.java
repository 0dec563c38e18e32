package dev.cairn.review.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who reviews next, as a pure function: among the volunteers who did not take part in the incident,
 * the one whose last turn is oldest (never assigned comes first), then the one with fewest open
 * reviews, then the lowest user id so the same inputs always give the same reviewer. Whoever took
 * part is never chosen: the point of the rotation is a fresh pair of eyes and spreading expertise.
 */
public final class RotationPolicy {

    private RotationPolicy() {}

    /** A volunteer as the rotation sees them; {@code lastTurn} is null for someone never assigned. */
    public record Candidate(long userId, String name, Long lastTurn, int openReviews) {}

    /** The reviewer (empty when nobody is eligible) and why, in words for the review page. */
    public record Pick(Optional<Candidate> reviewer, String reason) {}

    static final Comparator<Candidate> ORDER = Comparator.comparing(
                    Candidate::lastTurn, Comparator.nullsFirst(Comparator.<Long>naturalOrder()))
            .thenComparingInt(Candidate::openReviews)
            .thenComparingLong(Candidate::userId);

    /**
     * @param pool the volunteers who may review this incident
     * @param tookPart everyone who took part (participants, role holders, timeline authors)
     * @param skippedOtherwise volunteers left out for another reason, with that reason (e.g. they
     *     cannot see a private incident); counted in the explanation
     */
    public static Pick pick(List<Candidate> pool, Set<Long> tookPart, int skippedOtherwise, String otherReason) {
        List<Candidate> eligible = pool.stream()
                .filter(c -> !tookPart.contains(c.userId()))
                .sorted(ORDER)
                .toList();
        int skipped = pool.size() - eligible.size();
        int total = pool.size() + skippedOtherwise;
        String skippedText = (skipped == 0 ? "" : "; " + volunteers(skipped) + " skipped because they took part")
                + (skippedOtherwise == 0 ? "" : "; " + volunteers(skippedOtherwise) + " skipped: " + otherReason);
        if (total == 0) {
            return new Pick(Optional.empty(), "Nobody has volunteered for the review rotation yet");
        }
        if (eligible.isEmpty()) {
            return new Pick(
                    Optional.empty(),
                    "Nobody eligible: all " + volunteers(total) + " took part or cannot review it" + skippedText);
        }
        Candidate chosen = eligible.getFirst();
        String why;
        if (eligible.size() == 1) {
            why = "The only eligible one of " + volunteers(total);
        } else if (chosen.lastTurn() == null) {
            why = eligible.get(1).lastTurn() == null
                    ? "Never assigned before, like " + (count(eligible, c -> c.lastTurn() == null) - 1)
                            + " other eligible volunteer(s); chosen by "
                            + (eligible.get(1).openReviews() > chosen.openReviews()
                                    ? "fewest open reviews"
                                    : "a stable order")
                            + ", of " + volunteers(total)
                    : "Never assigned before, of " + volunteers(total);
        } else if (chosen.lastTurn().equals(eligible.get(1).lastTurn())) {
            why = "Least recently assigned (tied), then fewest open reviews (" + chosen.openReviews() + "), of "
                    + volunteers(total);
        } else {
            why = "Least recently assigned of " + volunteers(total);
        }
        return new Pick(Optional.of(chosen), why + skippedText);
    }

    private static long count(List<Candidate> list, java.util.function.Predicate<Candidate> test) {
        return list.stream().filter(test).count();
    }

    private static String volunteers(int n) {
        return n + (n == 1 ? " volunteer" : " volunteers");
    }
}
