package dev.cairn.notification;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Audit;
import dev.cairn.identity.Users;
import dev.cairn.notification.internal.Access;
import dev.cairn.notification.internal.ContactStore;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import java.time.Clock;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * When each contact method is used after a notice: "e-mail at once, again after 5 minutes, webhook
 * after 2". A person with no rule gets every enabled method at once.
 */
@Service
public class NotificationRules {

    public static final int MAX_RULES = 30;
    public static final int MAX_DELAY_MINUTES = 1440;

    private final ContactStore contacts;
    private final Users users;
    private final Audit audit;
    private final Clock clock;

    NotificationRules(ContactStore contacts, Users users, Audit audit, Clock clock) {
        this.contacts = contacts;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    public List<NotificationRuleView> of(long userId, Actor actor) {
        Access.requireRead(actor, userId);
        existing(userId);
        return contacts.rules(userId);
    }

    @Transactional
    public NotificationRuleView add(long userId, Long contactMethodId, Integer delayMinutes, Actor actor) {
        Access.requireManage(actor, userId);
        existing(userId);
        if (contactMethodId == null) {
            throw new InvalidInputException("contactMethodId", "is required");
        }
        if (contacts.method(contactMethodId).filter(m -> m.userId() == userId).isEmpty()) {
            throw new InvalidInputException("contactMethodId", "is not one of this person's contact methods");
        }
        if (delayMinutes == null || delayMinutes < 0 || delayMinutes > MAX_DELAY_MINUTES) {
            throw new InvalidInputException(
                    "delayMinutes", "must be a number of minutes from 0 (at once) to " + MAX_DELAY_MINUTES);
        }
        if (contacts.countRules(userId) >= MAX_RULES) {
            throw new ConflictException("A person can have at most " + MAX_RULES + " notification rules");
        }
        long id;
        try {
            id = contacts.insertRule(userId, contactMethodId, delayMinutes, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("That contact method already has a rule after " + delayMinutes + " minutes");
        }
        audit.record(
                actor,
                "notification.rule_created",
                "notification_rule",
                id,
                "user=" + userId + " contact_method=" + contactMethodId + " delay_minutes=" + delayMinutes);
        return contacts.rule(id).orElseThrow();
    }

    @Transactional
    public void delete(long userId, long ruleId, Actor actor) {
        Access.requireManage(actor, userId);
        NotificationRuleView rule = contacts.rule(ruleId)
                .filter(r -> r.userId() == userId)
                .orElseThrow(() -> new NotFoundException("Notification rule " + ruleId));
        contacts.deleteRule(ruleId);
        audit.record(
                actor,
                "notification.rule_deleted",
                "notification_rule",
                ruleId,
                "user=" + userId + " contact_method=" + rule.contactMethodId() + " delay_minutes="
                        + rule.delayMinutes());
    }

    private void existing(long userId) {
        if (users.find(userId).isEmpty()) {
            throw new NotFoundException("User " + userId);
        }
    }
}
