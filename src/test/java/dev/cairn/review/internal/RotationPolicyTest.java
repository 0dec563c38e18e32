package dev.cairn.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.review.internal.RotationPolicy.Candidate;
import dev.cairn.review.internal.RotationPolicy.Pick;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The rotation's choice over random pools and random participation. */
class RotationPolicyTest {

    @Property(tries = 500)
    void nobodyWhoTookPartIsEverChosen(
            @ForAll @Size(max = 12) List<@IntRange(min = 1, max = 20) Integer> volunteerIds,
            @ForAll @Size(max = 20) Set<@IntRange(min = 1, max = 20) Integer> participantIds,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<Candidate> pool = new ArrayList<>();
        new java.util.LinkedHashSet<>(volunteerIds)
                .forEach(id -> pool.add(new Candidate(
                        id, "P" + id, random.nextBoolean() ? null : (long) random.nextInt(50), random.nextInt(4))));
        Set<Long> tookPart = new HashSet<>();
        participantIds.forEach(id -> tookPart.add((long) id));

        Pick pick = RotationPolicy.pick(pool, tookPart, 0, "");

        boolean anyoneEligible = pool.stream().anyMatch(c -> !tookPart.contains(c.userId()));
        assertThat(pick.reviewer().isPresent()).isEqualTo(anyoneEligible);
        pick.reviewer().ifPresent(c -> assertThat(tookPart).doesNotContain(c.userId()));
        assertThat(pick.reason()).isNotBlank();
    }

    @Property(tries = 200)
    void loadStaysBalancedWhenEveryoneIsEligible(
            @ForAll @IntRange(min = 1, max = 15) int volunteers, @ForAll @IntRange(min = 1, max = 200) int incidents) {
        Map<Long, Long> turns = new HashMap<>();
        Map<Long, Integer> counts = new HashMap<>();
        long turn = 0;
        for (int i = 0; i < incidents; i++) {
            List<Candidate> pool = new ArrayList<>();
            for (long id = 1; id <= volunteers; id++) {
                pool.add(new Candidate(id, "P" + id, turns.get(id), 0));
            }
            long chosen = RotationPolicy.pick(pool, Set.of(), 0, "")
                    .reviewer()
                    .orElseThrow()
                    .userId();
            turns.put(chosen, ++turn);
            counts.merge(chosen, 1, Integer::sum);
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = volunteers > counts.size()
                ? 0
                : counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        assertThat(max - min).isLessThanOrEqualTo(1);
    }

    @Property(tries = 200)
    void skippingParticipantsStillSpreadsTheLoad(@ForAll long seed) {
        // With random participation nobody is overloaded: whoever was skipped is first in line next time.
        Random random = new Random(seed);
        int volunteers = 6;
        Map<Long, Long> turns = new HashMap<>();
        Map<Long, Integer> counts = new HashMap<>();
        long turn = 0;
        for (int i = 0; i < 120; i++) {
            List<Candidate> pool = new ArrayList<>();
            for (long id = 1; id <= volunteers; id++) {
                pool.add(new Candidate(id, "P" + id, turns.get(id), 0));
            }
            Set<Long> tookPart = Set.of((long) 1 + random.nextInt(volunteers));
            long chosen = RotationPolicy.pick(pool, tookPart, 0, "")
                    .reviewer()
                    .orElseThrow()
                    .userId();
            assertThat(tookPart).doesNotContain(chosen);
            turns.put(chosen, ++turn);
            counts.merge(chosen, 1, Integer::sum);
        }
        assertThat(counts.values())
                .allSatisfy(c -> assertThat(c).isBetween(120 / volunteers - 4, 120 / volunteers + 4));
    }

    @Example
    void theReasonSaysWhoWasSkippedAndWhy() {
        List<Candidate> pool = List.of(
                new Candidate(1, "Ada", 5L, 0),
                new Candidate(2, "Bob", null, 0),
                new Candidate(3, "Cy", 2L, 1),
                new Candidate(4, "Di", 3L, 0));
        Pick pick = RotationPolicy.pick(pool, Set.of(2L), 1, "only admins may review a private incident");
        assertThat(pick.reviewer().orElseThrow().name()).isEqualTo("Cy");
        assertThat(pick.reason())
                .isEqualTo("Least recently assigned of 5 volunteers; 1 volunteer skipped because they took part;"
                        + " 1 volunteer skipped: only admins may review a private incident");
    }

    @Example
    void tiesGoToFewestOpenReviewsThenTheLowestId() {
        List<Candidate> pool =
                List.of(new Candidate(7, "G", null, 2), new Candidate(9, "I", null, 1), new Candidate(8, "H", null, 1));
        assertThat(RotationPolicy.pick(pool, Set.of(), 0, "")
                        .reviewer()
                        .orElseThrow()
                        .userId())
                .isEqualTo(8);
        assertThat(RotationPolicy.pick(List.of(), Set.of(), 0, "").reason())
                .isEqualTo("Nobody has volunteered for the review rotation yet");
        assertThat(RotationPolicy.pick(List.of(new Candidate(1, "A", null, 0)), Set.of(1L), 0, "")
                        .reason())
                .isEqualTo("Nobody eligible: all 1 volunteer took part or cannot review it;"
                        + " 1 volunteer skipped because they took part");
    }
}
