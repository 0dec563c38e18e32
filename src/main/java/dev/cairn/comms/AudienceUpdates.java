package dev.cairn.comms;

import dev.cairn.comms.SendUpdates.AudienceText;
import dev.cairn.comms.internal.AudienceStore;
import dev.cairn.comms.internal.AudienceStore.Target;
import dev.cairn.comms.internal.FollowStore;
import dev.cairn.comms.internal.FollowStore.Follower;
import dev.cairn.comms.internal.UpdateStore;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.incident.Severities;
import dev.cairn.incident.Severity;
import dev.cairn.notification.Channel;
import dev.cairn.notification.Notice;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Updates to audiences from the room: drafts per audience from one written update, the incident's
 * state and its latest starred entries; sending them to each audience's recipients and followers,
 * onto the timeline, and re-arming the cadence. Only people who may see the incident draft or send,
 * and a follower who may not see a private incident gets nothing.
 */
@Service
public class AudienceUpdates {

    static final String KIND_SENT = "audience_update_sent";
    static final String DRILL = "[DRILL]";
    static final int KEY_MOMENTS = 5;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final AudienceStore audiences;
    private final UpdateStore updates;
    private final FollowStore follows;
    private final Incidents incidents;
    private final Severities severities;
    private final Timeline timeline;
    private final Notifications notifications;
    private final Users users;
    private final Audit audit;
    private final UpdateCadence cadence;
    private final Clock clock;

    AudienceUpdates(
            AudienceStore audiences,
            UpdateStore updates,
            FollowStore follows,
            Incidents incidents,
            Severities severities,
            Timeline timeline,
            Notifications notifications,
            Users users,
            Audit audit,
            UpdateCadence cadence,
            Clock clock) {
        this.audiences = audiences;
        this.updates = updates;
        this.follows = follows;
        this.incidents = incidents;
        this.severities = severities;
        this.timeline = timeline;
        this.notifications = notifications;
        this.users = users;
        this.audit = audit;
        this.cadence = cadence;
        this.clock = clock;
    }

    /** A draft for every audience (writers who may see the incident). */
    public List<Draft> drafts(long incidentId, ComposeUpdate update, Actor actor) {
        Actors.requireWrite(actor);
        Incident incident = incidents.get(incidentId, actor);
        Map<String, String> values = values(incident, update, actor);
        return audiences.all().stream()
                .map(a -> draft(incident, a, update, values))
                .toList();
    }

    /** Sends each audience its text; answers the updates as sent. */
    @Transactional
    public List<SentUpdate> send(long incidentId, SendUpdates request, Actor actor) {
        Actors.requireWrite(actor);
        Incident incident = incidents.get(incidentId, actor);
        ComposeUpdate update = request.compose();
        if (update.nextUpdateAt() != null && !update.nextUpdateAt().isAfter(clock.instant())) {
            throw new InvalidInputException("nextUpdateAt", "must be in the future");
        }
        if (request.updates() == null || request.updates().isEmpty()) {
            throw new InvalidInputException("updates", "must name at least one audience");
        }
        Map<String, String> values = null;
        Set<Long> seen = new LinkedHashSet<>();
        List<SentUpdate> sent = new ArrayList<>();
        for (int i = 0; i < request.updates().size(); i++) {
            AudienceText text = request.updates().get(i);
            String field = "updates[" + i + "]";
            Audience audience = resolve(text == null ? null : text.audience(), field + ".audience");
            if (!seen.add(audience.id())) {
                throw new InvalidInputException(field + ".audience", "names " + audience.slug() + " twice");
            }
            String subject = text.subject();
            String body = text.body();
            if (subject == null || subject.isBlank() || body == null || body.isBlank()) {
                if (values == null) {
                    values = values(incident, update, actor);
                }
                Draft draft = draft(incident, audience, update, values);
                subject = subject == null || subject.isBlank() ? draft.subject() : subject;
                body = body == null || body.isBlank() ? draft.body() : body;
            }
            sent.add(deliver(
                    incident,
                    audience,
                    update,
                    checked(field + ".subject", subject, Notice.MAX_SUBJECT),
                    checked(field + ".body", body, Audiences.MAX_TEMPLATE),
                    actor));
        }
        cadence.rearm(incidentId);
        return sent;
    }

    /** Updates sent for an incident, newest first. */
    public CursorPage<SentUpdate> list(long incidentId, String cursor, int limit, Actor actor) {
        incidents.get(incidentId, actor);
        return CursorPage.of(
                named(updates.ofIncident(incidentId, CursorPage.decode(cursor), limit + 1)), limit, SentUpdate::id);
    }

    /** The latest update per audience id. */
    public Map<Long, SentUpdate> latest(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        Map<Long, SentUpdate> latest = updates.latestPerAudience(incidentId);
        Map<Long, SentUpdate> out = new LinkedHashMap<>();
        List<SentUpdate> named = named(List.copyOf(latest.values()));
        named.forEach(u -> out.put(u.audienceId(), u));
        return out;
    }

    private SentUpdate deliver(
            Incident incident, Audience audience, ComposeUpdate update, String subject, String body, Actor actor) {
        boolean drill = incident.type() == IncidentType.DRILL;
        if (drill) {
            subject = subject.startsWith(DRILL) ? subject : DRILL + " " + subject;
            body = body.startsWith(DRILL) ? body : DRILL + " This is a drill, not a real incident.\n\n" + body;
        }
        String topic = "incident-update:" + incident.id();
        String room = notifications.absolute("/incidents/" + incident.id());
        int count = 0;
        for (Target target : audiences.targets(audience.id())) {
            String link = audience.template().contains("{{link}}") ? room : null;
            notifications.sendTo(
                    Channel.parse(target.channel()),
                    target.address(),
                    target.secret(),
                    new Notice(topic, "audience-update", subject, body, link, null, null));
            count++;
        }
        for (long userId : followers(incident, audience.id())) {
            notifications.notify(userId, new Notice(topic, "audience-update", subject, body, room, null, null));
            count++;
        }
        Instant now = clock.instant();
        long id = updates.insert(new SentUpdate(
                0,
                incident.id(),
                audience.id(),
                audience.name(),
                subject,
                body,
                update.impact(),
                update.actions(),
                update.workaround(),
                update.nextUpdateAt(),
                count,
                drill,
                actor.isSystem() ? null : actor.userId(),
                null,
                now));
        timeline.record(
                incident.id(),
                KIND_SENT,
                "Update to " + audience.name() + ": " + subject,
                Map.of(
                        "audienceId",
                        String.valueOf(audience.id()),
                        "updateId",
                        String.valueOf(id),
                        "recipients",
                        String.valueOf(count)),
                actor);
        audit.record(
                actor,
                "audience_update.sent",
                "incident",
                incident.id(),
                "audience=" + audience.slug() + " update=" + id + " recipients=" + count);
        return named(List.of(updates.find(id).orElseThrow())).getFirst();
    }

    /** Followers of this audience who may see the incident, each once. */
    private List<Long> followers(Incident incident, long audienceId) {
        List<Long> serviceIds =
                incident.services().stream().map(Incident.ServiceRef::id).toList();
        Map<Long, Set<Long>> byUser = new LinkedHashMap<>();
        Set<Long> followIncident = new java.util.HashSet<>();
        for (Follower f : follows.followers(incident.id(), serviceIds)) {
            if (f.ofIncident()) {
                followIncident.add(f.userId());
                byUser.put(f.userId(), new java.util.HashSet<>(Set.of(f.audienceId())));
            } else if (!followIncident.contains(f.userId())) {
                byUser.computeIfAbsent(f.userId(), k -> new java.util.HashSet<>())
                        .add(f.audienceId());
            }
        }
        List<Long> wanted = byUser.entrySet().stream()
                .filter(e -> e.getValue().contains(audienceId))
                .map(Map.Entry::getKey)
                .toList();
        Map<Long, UserView> people = users.byIds(wanted);
        return wanted.stream()
                .filter(id -> people.containsKey(id) && people.get(id).active())
                .filter(id -> {
                    UserView u = people.get(id);
                    return incidents.canView(incident.id(), new Actor(u.id(), u.email(), u.name(), u.role(), null));
                })
                .toList();
    }

    private Draft draft(Incident incident, Audience audience, ComposeUpdate update, Map<String, String> shared) {
        Map<String, String> values = new HashMap<>(shared);
        values.put("audience", audience.name());
        values.put("next_update", nextUpdate(incident, audience, update));
        String subject = UpdateTemplate.render(audience.subjectTemplate(), values);
        String body = UpdateTemplate.render(audience.template(), values);
        if (incident.type() == IncidentType.DRILL) {
            subject = DRILL + " " + subject;
            body = DRILL + " This is a drill, not a real incident.\n\n" + body;
        }
        if (subject.length() > Notice.MAX_SUBJECT) {
            subject = subject.substring(0, Notice.MAX_SUBJECT - 1) + "\u2026";
        }
        int followers = followers(incident, audience.id()).size();
        return new Draft(
                audience.id(),
                audience.slug(),
                audience.name(),
                subject,
                body,
                audience.recipients().size() + followers);
    }

    private String nextUpdate(Incident incident, Audience audience, ComposeUpdate update) {
        if (update.nextUpdateAt() != null) {
            return TIME.format(update.nextUpdateAt());
        }
        Integer every = audience.every(incident.severity());
        return every == null ? "when we know more" : TIME.format(clock.instant().plusSeconds(every * 60L));
    }

    private Map<String, String> values(Incident incident, ComposeUpdate update, Actor actor) {
        Map<String, String> values = new HashMap<>();
        values.put("title", incident.title());
        values.put("reference", incident.reference());
        values.put("severity", incident.severity());
        values.put(
                "severity_name",
                severities.all().stream()
                        .filter(s -> s.code().equals(incident.severity()))
                        .map(Severity::name)
                        .findFirst()
                        .orElse(incident.severity()));
        values.put("status", incident.status().json());
        values.put(
                "status_text",
                switch (incident.status()) {
                    case INVESTIGATING -> "We are investigating the problem.";
                    case IDENTIFIED -> "We have found the cause and are working on a fix.";
                    case MONITORING -> "A fix is in place and we are watching the results.";
                    case RESOLVED, CLOSED -> "The problem is resolved.";
                });
        values.put("impact", or(update.impact(), "Still being assessed."));
        values.put("actions", or(update.actions(), "The team is investigating."));
        values.put("workaround", or(update.workaround(), "None known yet."));
        values.put("commander", or(incident.nameFor(IncidentRole.COMMANDER), "not assigned yet"));
        values.put(
                "services",
                incident.services().isEmpty()
                        ? "none named"
                        : incident.services().stream()
                                .map(Incident.ServiceRef::name)
                                .collect(Collectors.joining(", ")));
        values.put("link", notifications.absolute("/incidents/" + incident.id()));
        List<TimelineEntry> starred = timeline.chronological(incident.id(), actor).stream()
                .filter(e -> e.starred() && !e.deleted())
                .toList();
        List<TimelineEntry> latest = starred.subList(Math.max(0, starred.size() - KEY_MOMENTS), starred.size());
        values.put(
                "key_moments",
                latest.isEmpty()
                        ? "- (nothing starred yet)"
                        : latest.stream()
                                .map(e -> "- " + TIME.format(e.occurredAt()).substring(11) + " " + oneLine(e.body()))
                                .collect(Collectors.joining("\n")));
        return values;
    }

    private Audience resolve(String key, String field) {
        if (key == null || key.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        return (key.matches("\\d+") ? audiences.find(Long.parseLong(key)) : audiences.bySlug(key.strip()))
                .orElseThrow(() -> new InvalidInputException(field, "is not a known audience"));
    }

    private List<SentUpdate> named(List<SentUpdate> list) {
        Map<Long, UserView> people = users.byIds(list.stream()
                .map(SentUpdate::sentBy)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet()));
        return list.stream()
                .map(u -> u.named(
                        u.sentBy() == null
                                ? "Cairn"
                                : people.containsKey(u.sentBy())
                                        ? people.get(u.sentBy()).name()
                                        : "unknown"))
                .toList();
    }

    private static String checked(String field, String value, int max) {
        String text = value.strip();
        if (text.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        return text;
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 199) + "\u2026" : line;
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
