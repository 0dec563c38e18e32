package dev.cairn.review;

import dev.cairn.identity.Actor;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.ChangeKind;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentChanged;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.notification.Notice;
import dev.cairn.notification.Notifications;
import dev.cairn.review.internal.RotationParticipants;
import dev.cairn.review.internal.SurveyStore;
import dev.cairn.review.internal.SurveyStore.AnswerRow;
import dev.cairn.review.internal.SurveyStore.Invitation;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.Secrets;
import dev.cairn.shared.TimeTravel;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The short survey each participant gets when an incident resolves. The link in the notification
 * carries a random secret (stored only as its hash) that is the credential: answering takes one
 * tap from an e-mail or chat message on a phone, without signing in, which is what gets surveys
 * answered; signed-in participants can answer from the incident too. Answers are stored without
 * the person (see {@link SurveyStore}) and shown only in aggregate, from {@link #MIN_ANSWERS} answers.
 */
@Service
public class Surveys {

    /** Fewer answers than this are not shown: with two, each could tell the other's answer. */
    public static final int MIN_ANSWERS = 3;

    private final SurveyStore store;
    private final RotationParticipants participants;
    private final Incidents incidents;
    private final Users users;
    private final Notifications notifications;
    private final Clock clock;
    private final SurveyWindow window;
    private final SurveyReminders reminders;
    private final Set<String> severities;

    Surveys(
            SurveyStore store,
            RotationParticipants participants,
            Incidents incidents,
            Users users,
            Notifications notifications,
            Clock clock,
            SurveyWindow window,
            SurveyReminders reminders,
            @Value("${cairn.review.survey-severities:SEV1,SEV2}") Set<String> severities) {
        this.window = window;
        this.reminders = reminders;
        this.store = store;
        this.participants = participants;
        this.incidents = incidents;
        this.users = users;
        this.notifications = notifications;
        this.clock = clock;
        this.severities = severities.stream().map(String::strip).collect(Collectors.toSet());
    }

    /**
     * Invites everyone who took part, in the resolving transaction (the invitations exist iff it
     * commits; a person is invited once per incident, even if it resolves again).
     */
    @EventListener
    void on(IncidentChanged change) {
        if (change.kind() != ChangeKind.STATUS
                || !"resolved".equals(change.data().get("to"))) {
            return;
        }
        Incident incident = incidents.get(change.incidentId(), Actor.SYSTEM);
        if (incident.type() == IncidentType.DRILL || !severities.contains(incident.severity())) {
            return;
        }
        List<Invitation> earlier = store.invitations(incident.id());
        if (!earlier.isEmpty() && closed(earlier)) {
            // Resolved again after its survey closed: a late answer would move figures already shown.
            return;
        }
        Set<Long> tookPart = new java.util.HashSet<>(participants.of(incident));
        if (!change.actor().isSystem()) {
            tookPart.add(change.actor().userId());
        }
        Map<Long, UserView> people = users.byIds(tookPart);
        for (UserView person : people.values()) {
            if (!person.active()) {
                continue;
            }
            String secret = Secrets.random(24);
            if (store.invite(incident.id(), person.id(), Secrets.sha256(secret), change.at())
                    && TimeTravel.now().isEmpty()) {
                notifications.notify(
                        person.id(),
                        new Notice(
                                "survey:" + incident.id(),
                                "survey",
                                "[Cairn] Two minutes on " + incident.reference() + ": how was it for you?",
                                "Thank you for your part in " + incident.reference() + " " + incident.title()
                                        + ".\n\nFive quick questions: how well coordination and communication"
                                        + " worked, how you felt during and after, and how much time it took."
                                        + " Your answers are anonymous: Cairn keeps that you answered, not what you"
                                        + " answered, and shows results only once the survey has closed and at least"
                                        + " three people have answered.",
                                notifications.absolute("/survey/" + secret),
                                notifications.absolute("/survey/" + secret),
                                "Answer the survey"));
                reminders.arm(incident.id(), person.id(), change.at());
            }
        }
    }

    /** What a link is for (404 for a link Cairn did not send). */
    public SurveyInvite inspect(String token) {
        Invitation invitation = byToken(token);
        Incident incident = incidents.get(invitation.incidentId(), Actor.SYSTEM);
        String name = users.find(invitation.userId()).map(UserView::name).orElse("");
        return new SurveyInvite(incident.id(), incident.reference(), incident.title(), name, invitation.responded());
    }

    /** Answers through the link; a second answer is a 409. */
    @Transactional
    public void answer(String token, SurveyAnswer answer) {
        Invitation invitation = byToken(token);
        record(invitation, answer);
    }

    /** Answers as a signed-in participant who was invited. */
    @Transactional
    public void answerAs(long incidentId, Actor actor, SurveyAnswer answer) {
        incidents.get(incidentId, actor);
        Invitation invitation = store.invitation(incidentId, actor.userId())
                .orElseThrow(
                        () -> new NotFoundException("You were not asked to answer a survey for INC-" + incidentId));
        record(invitation, answer);
    }

    /** Whether this person was asked and has not answered yet (for the incident's survey card). */
    public boolean pending(long incidentId, long userId) {
        return store.invitation(incidentId, userId).map(i -> !i.responded()).orElse(false);
    }

    private void record(Invitation invitation, SurveyAnswer given) {
        SurveyAnswer answer = Objects.requireNonNull(given).checked();
        List<Invitation> all = store.invitations(invitation.incidentId());
        if (!invitation.responded() && closed(all)) {
            throw new ConflictException(
                    "This survey closed on " + closesAt(all) + "; its results are shown and no longer take answers");
        }
        if (!store.markResponded(invitation.incidentId(), invitation.userId())) {
            throw new ConflictException("This survey was already answered; each person answers once");
        }
        store.insertAnswer(new AnswerRow(
                invitation.incidentId(),
                month(invitation.invitedAt()),
                answer.coordination(),
                answer.communication(),
                answer.feelingDuring(),
                answer.feelingAfter(),
                answer.hours(),
                answer.freeText()));
    }

    private Invitation byToken(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            throw new NotFoundException("Survey link");
        }
        return store.byToken(Secrets.sha256(token)).orElseThrow(() -> new NotFoundException("Survey link"));
    }

    // ---- results ------------------------------------------------------------------------------

    /** The incident's survey in aggregate, for whoever may see the incident. */
    public SurveyResults results(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        List<Invitation> invitations = store.invitations(incidentId);
        List<AnswerRow> answers = store.answers(incidentId);
        int invited = invitations.size();
        int responded = (int) invitations.stream().filter(Invitation::responded).count();
        Double rate = invited == 0 ? null : (double) responded / invited;
        Instant closesAt = invited == 0 ? null : closesAt(invitations);
        boolean closed = invited > 0 && closed(invitations);
        if (answers.size() < MIN_ANSWERS || !closed) {
            String note;
            if (invited == 0) {
                note = "No survey was sent for this incident.";
            } else if (!closed) {
                note = answers.size() + " of " + invited + " answered; results are shown when the survey closes on "
                        + closesAt.atZone(ZoneOffset.UTC).toLocalDate() + " (or once everyone has answered), from "
                        + MIN_ANSWERS + " answers, so that no answer can be told apart.";
            } else {
                note = answers.size() + " of " + invited + " answered before the survey closed; results are shown"
                        + " from " + MIN_ANSWERS + " answers, so that no answer can be told apart.";
            }
            return new SurveyResults(
                    incidentId,
                    invited,
                    responded,
                    rate,
                    false,
                    closed,
                    closesAt,
                    note,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of());
        }
        List<String> comments = new ArrayList<>(answers.stream()
                .map(AnswerRow::freeText)
                .filter(Objects::nonNull)
                .toList());
        Collections.shuffle(comments);
        double totalHours =
                answers.stream().mapToDouble(a -> a.hours().doubleValue()).sum();
        return new SurveyResults(
                incidentId,
                invited,
                responded,
                rate,
                true,
                true,
                closesAt,
                answers.size() + " of " + invited + " answered.",
                mean(answers, AnswerRow::coordination),
                mean(answers, AnswerRow::communication),
                mean(answers, AnswerRow::feelingDuring),
                mean(answers, AnswerRow::feelingAfter),
                round(totalHours / answers.size()),
                round(totalHours),
                comments);
    }

    /**
     * Response rates and mean scores by month over the last {@code months} months, newest first.
     * Private incidents are left out for everyone (their numbers must not show through an
     * aggregate); drills are never surveyed.
     */
    public List<SurveyMonth> byMonth(int months) {
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        Instant from = now.minusMonths(months - 1L).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<Long, Boolean> restricted = new HashMap<>();
        List<Invitation> invitations = store.invitationsSince(from).stream()
                .filter(i -> !restricted.computeIfAbsent(i.incidentId(), incidents::restricted))
                .toList();
        Map<String, List<Invitation>> invitedByMonth = new TreeMap<>(Collections.reverseOrder());
        invitations.forEach(i -> invitedByMonth
                .computeIfAbsent(month(i.invitedAt()), m -> new ArrayList<>())
                .add(i));
        // Scores only from surveys that have closed with enough answers: those figures never change.
        Set<Long> settled =
                invitations.stream().collect(Collectors.groupingBy(Invitation::incidentId)).entrySet().stream()
                        .filter(e -> closed(e.getValue())
                                && e.getValue().stream()
                                                .filter(Invitation::responded)
                                                .count()
                                        >= MIN_ANSWERS)
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet());
        Map<String, List<AnswerRow>> answersByMonth = store.answersOf(List.copyOf(invitedByMonth.keySet())).stream()
                .filter(a -> settled.contains(a.incidentId()))
                .collect(Collectors.groupingBy(AnswerRow::month));
        List<SurveyMonth> result = new ArrayList<>();
        invitedByMonth.forEach((month, invited) -> {
            List<AnswerRow> answers = answersByMonth.getOrDefault(month, List.of());
            int responded = (int) invited.stream().filter(Invitation::responded).count();
            boolean shown = answers.size() >= MIN_ANSWERS;
            result.add(new SurveyMonth(
                    month,
                    (int) invited.stream()
                            .map(Invitation::incidentId)
                            .distinct()
                            .count(),
                    invited.size(),
                    responded,
                    (double) responded / invited.size(),
                    shown ? mean(answers, AnswerRow::coordination) : null,
                    shown ? mean(answers, AnswerRow::communication) : null,
                    shown ? mean(answers, AnswerRow::feelingDuring) : null,
                    shown ? mean(answers, AnswerRow::feelingAfter) : null,
                    shown
                            ? round(answers.stream()
                                    .mapToDouble(a -> a.hours().doubleValue())
                                    .average()
                                    .orElse(0))
                            : null));
        });
        return result;
    }

    private boolean closed(List<Invitation> invitations) {
        return window.closed(invitations);
    }

    private Instant closesAt(List<Invitation> invitations) {
        return window.closesAt(invitations);
    }

    private static Double mean(List<AnswerRow> answers, ToDoubleFunction<AnswerRow> score) {
        return round(answers.stream().mapToDouble(score).average().orElse(0));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }
}
