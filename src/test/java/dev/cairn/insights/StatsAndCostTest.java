package dev.cairn.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cairn.shared.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsAndCostTest {

    @Test
    void percentilesAreNearestRankValues() {
        List<Long> values = List.of(46800L, 3600L, 7200L);
        assertThat(Stats.median(values)).isEqualTo(7200L);
        assertThat(Stats.percentile(values, 90)).isEqualTo(46800L);
        List<Long> ten = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(Stats.median(ten)).isEqualTo(5L);
        assertThat(Stats.percentile(ten, 90)).isEqualTo(9L);
        assertThat(Stats.median(List.of())).isNull();
    }

    @Test
    void giniIsZeroForEqualShareAndGrowsWithConcentration() {
        assertThat(Stats.gini(List.of(4, 4, 4, 4))).isEqualTo(0.0);
        assertThat(Stats.gini(List.of(3, 1))).isCloseTo(0.25, within(1e-9));
        assertThat(Stats.gini(List.of(0, 0, 0, 10))).isCloseTo(0.75, within(1e-9));
        assertThat(Stats.gini(List.of())).isEqualTo(0.0);
    }

    @Test
    void topPicksTheLargestLikeAFullSortWould() {
        java.util.Random random = new java.util.Random(7);
        List<Long> values = random.longs(5_000, 0, 1_000).boxed().toList();
        List<Long> sorted =
                values.stream().sorted(java.util.Comparator.reverseOrder()).toList();
        assertThat(Stats.top(values, 400, java.util.Comparator.naturalOrder())).isEqualTo(sorted.subList(0, 400));
        assertThat(Stats.top(List.of(3L, 1L, 2L), 10, java.util.Comparator.naturalOrder()))
                .containsExactly(3L, 2L, 1L);
        assertThat(Stats.top(values, 0, java.util.Comparator.naturalOrder())).isEmpty();
        assertThat(Stats.top(List.<Long>of(), 5, java.util.Comparator.naturalOrder()))
                .isEmpty();
    }

    @Test
    void costFollowsTheDocumentedFormula() {
        CostModel model = CostModel.DEFAULT;
        // A SEV2: a commander 2 h (1 h of it in sleep hours), a scribe 2 h in working hours, a
        // participant 1 h in working hours, a watcher 3 h.
        CostModel.Breakdown b = model.cost(
                "SEV2",
                List.of(
                        new CostModel.Part("commander", 120, 60, 0),
                        new CostModel.Part("scribe", 120, 0, 120),
                        new CostModel.Part("participant", 60, 0, 60),
                        new CostModel.Part("observer", 180, 0, 180)));
        // response = 1.0*2 + 0.75*2 + 0.5*1 + 0*3 = 4; night = 1.0*0.5*1 = 0.5;
        // interrupted = 0.5 h x 2 people; review = 4 h (SEV2); cost = 100 x 9.5
        assertThat(b.responseHours()).isCloseTo(4.0, within(1e-9));
        assertThat(b.nightHours()).isCloseTo(0.5, within(1e-9));
        assertThat(b.interruptedHours()).isCloseTo(1.0, within(1e-9));
        assertThat(b.reviewHours()).isCloseTo(4.0, within(1e-9));
        assertThat(b.cost()).isCloseTo(950.0, within(1e-9));
    }

    @Test
    void theModelRefusesNonsense() {
        assertThatThrownBy(() -> new CostModel(
                        "dollars",
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "currency");
        assertThatThrownBy(() -> new CostModel(
                        "EUR",
                        new BigDecimal("-1"),
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "hourlyRate");
        assertThat(CostModel.parseReviewHours("sev1: 8, SEV2:4")).containsEntry("SEV1", new BigDecimal("8"));
        assertThatThrownBy(() -> CostModel.parseReviewHours("SEV1=8")).isInstanceOf(InvalidInputException.class);
    }
}
