package dev.cairn.notification.internal;

import dev.cairn.notification.Channel;
import dev.cairn.notification.ContactMethodView;
import dev.cairn.notification.NotificationRuleView;
import dev.cairn.notification.NotificationStep;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who gets what when a person is notified, as a pure function of their settings. Rules on enabled
 * methods decide; with no such rule every enabled method is notified at once; with no enabled
 * method the account e-mail is, at once. Nobody is ever notified on nothing.
 */
public final class DeliveryPlan {

    private DeliveryPlan() {}

    public static List<NotificationStep> of(
            String accountEmail, List<ContactMethodView> methods, List<NotificationRuleView> rules) {
        Map<Long, ContactMethodView> enabled = methods.stream()
                .filter(ContactMethodView::enabled)
                .collect(Collectors.toMap(ContactMethodView::id, Function.identity()));
        List<NotificationStep> byRules = rules.stream()
                .filter(r -> enabled.containsKey(r.contactMethodId()))
                .map(r -> step(enabled.get(r.contactMethodId()), r.delayMinutes()))
                .sorted(Comparator.comparingInt(NotificationStep::delayMinutes)
                        .thenComparing(NotificationStep::contactMethodId))
                .toList();
        if (!byRules.isEmpty()) {
            return byRules;
        }
        if (!enabled.isEmpty()) {
            return enabled.values().stream()
                    .sorted(Comparator.comparingLong(ContactMethodView::id))
                    .map(m -> step(m, 0))
                    .toList();
        }
        return List.of(new NotificationStep(null, Channel.EMAIL, accountEmail, 0));
    }

    private static NotificationStep step(ContactMethodView method, int delay) {
        return new NotificationStep(method.id(), method.channel(), method.address(), delay);
    }
}
