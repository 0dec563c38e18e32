package dev.cairn.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.alerting.RoutingRule.Action;
import dev.cairn.alerting.RoutingRule.Matcher;
import dev.cairn.shared.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingRuleTest {

    private static RoutingRule rule(long id, int position, boolean active, Matcher... matchers) {
        return new RoutingRule(id, position, "r" + id, List.of(matchers), id, Action.NONE, null, active, null);
    }

    @Test
    void theFirstActiveRuleInPositionOrderWhoseMatchersAllMatchWins() {
        Map<String, String> fields = Map.of("service", "checkout", "severity", "critical", "env", "prod");
        RoutingRule broad = rule(1, 30, true);
        RoutingRule checkout =
                rule(2, 20, true, new Matcher("service", "=", "checkout"), new Matcher("env", "!=", "staging"));
        RoutingRule switchedOff = rule(3, 10, false, new Matcher("service", "=", "checkout"));
        RoutingRule payments = rule(4, 5, true, new Matcher("service", "=~", "pay.*"));

        assertThat(RoutingRule.first(List.of(broad, checkout, switchedOff, payments), fields))
                .contains(checkout);
        assertThat(RoutingRule.first(List.of(checkout, payments), Map.of("service", "payments")))
                .contains(payments);
        assertThat(RoutingRule.first(List.of(checkout, payments), Map.of("service", "search")))
                .isEmpty();
        assertThat(RoutingRule.first(List.of(rule(5, 1, true, new Matcher("team", "!~", "data|ml"))), Map.of()))
                .as("a missing field reads as empty")
                .isPresent();
    }

    @Test
    void matchersAreCheckedWhenMade() {
        assertThatThrownBy(() -> new Matcher("service", "~=", "x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("=, !=, =~, !~");
        assertThatThrownBy(() -> new Matcher("service", "=~", "(unclosed"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("regular expression");
        assertThatThrownBy(() -> new Matcher(" ", "=", "x")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void matchersAreReadFromLinesAsPeopleWriteThemAndWrittenBackTheSameWay() {
        assertThat(RoutingRule.matchers(
                        "team=checkout\r\n\n# a comment\n severity =~ critical|error \nenv!=\"\"\nx!~a=b"))
                .containsExactly(
                        new Matcher("team", "=", "checkout"),
                        new Matcher("severity", "=~", "critical|error"),
                        new Matcher("env", "!=", ""),
                        new Matcher("x", "!~", "a=b"));
        assertThat(Matcher.parse("path=~/api/.*").text()).isEqualTo("path=~/api/.*");
        assertThat(Matcher.parse("env!=\"\"").text()).isEqualTo("env!=\"\"");
        assertThat(Matcher.parse(new Matcher("note", "=", " padded ").text()))
                .isEqualTo(new Matcher("note", "=", " padded "));
        assertThat(RoutingRule.matchers("")).isEmpty();
        assertThatThrownBy(() -> RoutingRule.matchers("team=a\nseverity=~(critical"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("line 2 (severity=~(critical): value is not a valid regular expression");
        assertThatThrownBy(() -> RoutingRule.matchers("team checkout"))
                .hasMessageStartingWith("line 1 (team checkout): operator is missing");
        assertThatThrownBy(() -> RoutingRule.matchers("=x")).hasMessage("line 1 (=x): label is required");
    }

    @Test
    void alertSeveritiesMapToIncidentSeverities() {
        assertThat(RoutingRule.incidentSeverity("critical")).isEqualTo("SEV1");
        assertThat(RoutingRule.incidentSeverity("error")).isEqualTo("SEV2");
        assertThat(RoutingRule.incidentSeverity("Warning")).isEqualTo("SEV3");
        assertThat(RoutingRule.incidentSeverity("info")).isEqualTo("SEV4");
        assertThat(RoutingRule.incidentSeverity(null)).isEqualTo("SEV4");
    }
}
