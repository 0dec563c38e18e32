package dev.cairn.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.notification.Channel;
import dev.cairn.notification.ContactMethodView;
import dev.cairn.notification.NotificationRuleView;
import dev.cairn.notification.NotificationStep;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryPlanTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final ContactMethodView MAIL =
            new ContactMethodView(1, 7, "Work", Channel.EMAIL, "ada@example.com", true, null, T);
    private static final ContactMethodView HOOK =
            new ContactMethodView(2, 7, "Bridge", Channel.WEBHOOK, "https://hooks.example.com/x", true, null, T);
    private static final ContactMethodView OFF =
            new ContactMethodView(3, 7, "Old", Channel.EMAIL, "old@example.com", false, null, T);

    @Test
    void rulesDecideInOrderOfDelay() {
        List<NotificationStep> plan = DeliveryPlan.of(
                "account@example.com", List.of(MAIL, HOOK), List.of(rule(1, 5), rule(2, 2), rule(1, 0), rule(3, 0)));
        assertThat(plan)
                .containsExactly(
                        new NotificationStep(1L, Channel.EMAIL, "ada@example.com", 0),
                        new NotificationStep(2L, Channel.WEBHOOK, "https://hooks.example.com/x", 2),
                        new NotificationStep(1L, Channel.EMAIL, "ada@example.com", 5));
    }

    @Test
    void withoutRulesEveryEnabledMethodIsNotifiedAtOnce() {
        assertThat(DeliveryPlan.of("account@example.com", List.of(MAIL, HOOK, OFF), List.of()))
                .extracting(NotificationStep::contactMethodId, NotificationStep::delayMinutes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, 0), org.assertj.core.groups.Tuple.tuple(2L, 0));
    }

    @Test
    void rulesOnlyForDisabledMethodsFallBackToTheEnabledOnes() {
        assertThat(DeliveryPlan.of("account@example.com", List.of(MAIL, OFF), List.of(rule(3, 0))))
                .containsExactly(new NotificationStep(1L, Channel.EMAIL, "ada@example.com", 0));
    }

    @Test
    void nobodyIsNeverTheAnswer() {
        NotificationStep account = new NotificationStep(null, Channel.EMAIL, "account@example.com", 0);
        assertThat(DeliveryPlan.of("account@example.com", List.of(), List.of())).containsExactly(account);
        assertThat(DeliveryPlan.of("account@example.com", List.of(OFF), List.of(rule(3, 1))))
                .containsExactly(account);
    }

    private static NotificationRuleView rule(long method, int delay) {
        return new NotificationRuleView(method * 100 + delay, 7, method, delay, T);
    }
}
