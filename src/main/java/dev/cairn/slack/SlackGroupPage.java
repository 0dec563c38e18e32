package dev.cairn.slack;

import dev.cairn.identity.UserView;
import dev.cairn.slack.internal.SlackPeople;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whom {@code /incident page @group} pages: the members of a Slack user group who have an active
 * Cairn account, read while Slack waits for the command's answer. Members without an account, and
 * members Slack could not be asked about in time, are named instead; the one typing is not paged.
 */
@Component
class SlackGroupPage {

    /** The most members of a Slack user group paged at once, each directly. */
    static final int MAX_GROUP = 20;
    /**
     * How long reading a group and its members may take before the answer (Slack gives three
     * seconds); a Slack call started before it ends may take {@code SlackApi.QUICK_MILLIS} more.
     */
    private static final Duration GROUP_BUDGET = Duration.ofMillis(1000);

    /** Either a refusal, or who is paged and what to add about the others. */
    record Outcome(String refusal, String handle, List<UserView> paged, String notes) {}

    private final SlackPeople people;

    SlackGroupPage(SlackPeople people) {
        this.people = people;
    }

    Outcome read(String groupId, String label, long typedBy) {
        long deadline = System.nanoTime() + GROUP_BUDGET.toNanos();
        String handle = label == null || label.isBlank() ? "the group" : label.strip();
        Optional<List<String>> members = people.groupMembers(groupId);
        if (members.isEmpty()) {
            return refused("Cairn could not read the group " + handle
                    + " from Slack (does the app have the `usergroups:read` scope?). Page people with"
                    + " `/incident page @person`, or a team by name.");
        }
        if (members.get().size() > MAX_GROUP) {
            return refused(handle + " has " + members.get().size() + " members; from Slack Cairn pages at most "
                    + MAX_GROUP
                    + " people at once. Page a team through its escalation policy instead: `/incident page <team>`.");
        }
        List<UserView> paged = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        boolean you = false;
        for (String member : new LinkedHashSet<>(members.get())) {
            // Slack waits three seconds for this answer: members Slack must be asked about
            // (users.info) once the time is nearly spent are named, not guessed.
            Optional<SlackPeople.Author> known = people.authorIfQuick(member, System.nanoTime() < deadline);
            if (known.isEmpty()) {
                unchecked.add("<@" + member + ">");
                continue;
            }
            Optional<UserView> cairn = known.get().user().filter(UserView::active);
            if (cairn.isEmpty()) {
                unknown.add(known.get().name());
            } else if (cairn.get().id() == typedBy) {
                you = true;
            } else if (paged.stream().noneMatch(p -> p.id() == cairn.get().id())) {
                paged.add(cairn.get());
            }
        }
        String notes = unknown.isEmpty() ? "" : "\nNot paged, no Cairn account: " + String.join(", ", unknown) + ".";
        if (!unchecked.isEmpty()) {
            notes += "\nNot paged, Slack did not say in time who they are: " + String.join(", ", unchecked)
                    + " (a Slack member id on their Cairn account avoids asking Slack).";
        }
        if (you) {
            notes += "\nYou are in " + handle + " too; you were not paged.";
        }
        return new Outcome(null, handle, paged, notes);
    }

    private static Outcome refused(String why) {
        return new Outcome(why, null, List.of(), "");
    }
}
