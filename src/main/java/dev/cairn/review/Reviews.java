package dev.cairn.review;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.Incidents;
import dev.cairn.review.internal.ReviewStore;
import dev.cairn.review.internal.ReviewStore.HighlightRow;
import dev.cairn.review.internal.ReviewStore.Row;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading and writing an incident's review. Whoever can see the incident can read its review
 * (private incidents: members and admins only, others get "not found"); responders and admins
 * write it. A published review is final: its text, highlights and phases no longer change, though
 * people can still comment on it. State changes go through {@link ReviewPublishing}.
 */
@Service
public class Reviews {

    private final ReviewStore store;
    private final ReviewPolicies policies;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Users users;
    private final Audit audit;
    private final Clock clock;

    Reviews(
            ReviewStore store,
            ReviewPolicies policies,
            Incidents incidents,
            Timeline timeline,
            Users users,
            Audit audit,
            Clock clock) {
        this.store = store;
        this.policies = policies;
        this.incidents = incidents;
        this.timeline = timeline;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** The review, or an unstarted draft of the depth the policy asks for. */
    public Review get(long incidentId, Actor actor) {
        Incident incident = incidents.get(incidentId, actor);
        return view(incident, store.find(incidentId).orElse(null));
    }

    @Transactional
    public Review update(long incidentId, ReviewSections sections, Actor actor) {
        Row row = editable(incidentId, actor);
        List<String> custom = sections.customPhases() == null
                ? Phases.split(row.customPhases())
                : checkCustom(sections.customPhases());
        Row next = new Row(
                row.incidentId(),
                row.state(),
                row.depth(),
                pick(ReviewSections.check(sections.narrative(), "narrative"), row.narrative()),
                pick(ReviewSections.check(sections.whatHappened(), "whatHappened"), row.whatHappened()),
                pick(ReviewSections.check(sections.learned(), "learned"), row.learned()),
                pick(ReviewSections.check(sections.hypothesis(), "hypothesis"), row.hypothesis()),
                pick(ReviewSections.check(sections.surprises(), "surprises"), row.surprises()),
                Phases.join(new LinkedHashSet<>(custom)),
                row.createdBy(),
                row.createdAt(),
                row.updatedAt(),
                row.publishedAt(),
                row.publishedBy());
        store.update(next, clock.instant());
        audit.record(actor, "review.updated", "incident", incidentId, "");
        return get(incidentId, actor);
    }

    // ---- highlights and phases ------------------------------------------------------------------

    public List<Highlight> highlights(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        List<HighlightRow> rows = store.highlights(incidentId);
        Map<Long, TimelineEntry> entries =
                timeline
                        .entries(
                                incidentId,
                                rows.stream().map(HighlightRow::entryId).toList(),
                                actor)
                        .stream()
                        .collect(Collectors.toMap(TimelineEntry::id, Function.identity()));
        return rows.stream()
                .filter(h -> entries.containsKey(h.entryId()))
                .map(h -> {
                    TimelineEntry e = entries.get(h.entryId());
                    return new Highlight(
                            h.id(),
                            h.entryId(),
                            h.keyMoment(),
                            Phases.split(h.phases()),
                            h.note(),
                            e.occurredAt(),
                            e.authorName(),
                            e.authorId(),
                            e.body(),
                            e.source());
                })
                .sorted(java.util.Comparator.comparing(Highlight::occurredAt).thenComparing(Highlight::entryId))
                .toList();
    }

    /**
     * Marks the entries: each becomes a highlight if it was not one, then takes the key-moment flag,
     * phases and note given (those left null stay as they were; a new highlight is a key moment
     * unless told otherwise).
     */
    @Transactional
    public List<Highlight> mark(long incidentId, HighlightInput input, Actor actor) {
        Row review = editable(incidentId, actor);
        if (input == null || input.entryIds() == null || input.entryIds().isEmpty()) {
            throw new InvalidInputException("entryIds", "must name at least one timeline entry");
        }
        if (input.entryIds().size() > 500) {
            throw new InvalidInputException("entryIds", "must name at most 500 entries at once");
        }
        Set<Long> ids = new LinkedHashSet<>(input.entryIds());
        if (ids.contains(null)) {
            throw new InvalidInputException("entryIds", "must not contain null");
        }
        Set<Long> found = timeline.entries(incidentId, ids, actor).stream()
                .map(TimelineEntry::id)
                .collect(Collectors.toSet());
        for (Long id : ids) {
            if (!found.contains(id)) {
                throw new InvalidInputException("entryIds", "entry " + id + " is not on this incident's timeline");
            }
        }
        List<String> allowed = Phases.all(Phases.split(review.customPhases()));
        Set<String> phases = input.phases() == null ? null : new LinkedHashSet<>();
        if (input.phases() != null) {
            for (String raw : input.phases()) {
                String phase = Phases.name(raw, "phases");
                if (!allowed.contains(phase)) {
                    throw new InvalidInputException(
                            "phases",
                            "must be one of " + String.join(", ", allowed)
                                    + " (add custom phases to the review first)");
                }
                phases.add(phase);
            }
        }
        String note = input.note() == null
                ? null
                : ReviewSections.printable(input.note(), "note").strip();
        if (note != null && note.length() > 4000) {
            throw new InvalidInputException("note", "must be at most 4000 characters");
        }
        Instant now = clock.instant();
        for (Long entryId : ids) {
            var existing = store.highlightOf(incidentId, entryId);
            if (existing.isEmpty()) {
                store.insertHighlight(
                        incidentId,
                        entryId,
                        input.keyMoment() == null || input.keyMoment(),
                        phases == null ? "" : Phases.join(phases),
                        note == null ? "" : note,
                        actor.userId(),
                        now);
            } else {
                HighlightRow h = existing.get();
                store.updateHighlight(
                        h.id(),
                        input.keyMoment() == null ? h.keyMoment() : input.keyMoment(),
                        phases == null ? h.phases() : Phases.join(phases),
                        note == null ? h.note() : note);
            }
        }
        audit.record(actor, "review.highlighted", "incident", incidentId, "entries=" + ids);
        return highlights(incidentId, actor);
    }

    /** Removes highlights by their ids; answers how many went. */
    @Transactional
    public int unmark(long incidentId, Collection<Long> highlightIds, Actor actor) {
        editable(incidentId, actor);
        int removed = store.deleteHighlights(incidentId, highlightIds);
        if (removed > 0) {
            audit.record(actor, "review.unhighlighted", "incident", incidentId, "highlights=" + highlightIds);
        }
        return removed;
    }

    /**
     * A first story from the key moments, in time order, for the reviewer to rewrite: who did what
     * when, with the phases and notes they were tagged with.
     */
    public String draftStory(long incidentId, Actor actor) {
        Review review = get(incidentId, actor);
        java.time.ZoneId zone = actor.isSystem() ? java.time.ZoneOffset.UTC : users.zoneOf(actor.userId());
        var time = java.time.format.DateTimeFormatter.ofPattern("MMM d HH:mm", java.util.Locale.ENGLISH)
                .withZone(zone);
        StringBuilder story = new StringBuilder();
        story.append("## ")
                .append(review.reference())
                .append(": ")
                .append(review.title())
                .append("\n\n");
        List<Highlight> moments = highlights(incidentId, actor).stream()
                .filter(Highlight::keyMoment)
                .toList();
        if (moments.isEmpty()) {
            story.append("_Highlight key moments in the transcript to build the story from them._\n");
        }
        for (Highlight h : moments) {
            story.append("- **").append(time.format(h.occurredAt())).append("**");
            if (!h.phases().isEmpty()) {
                story.append(" _(").append(String.join(", ", h.phases())).append(")_");
            }
            story.append(" ").append(h.authorName()).append(": ").append(oneLine(h.body()));
            if (!h.note().isBlank()) {
                story.append(" — ").append(oneLine(h.note()));
            }
            story.append("\n");
        }
        return story.toString();
    }

    // ---- comments and questions -----------------------------------------------------------------

    public List<ReviewComment> comments(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        List<ReviewStore.CommentRow> rows = store.comments(incidentId);
        Set<Long> ids = new LinkedHashSet<>();
        rows.forEach(r -> {
            ids.add(r.authorId());
            if (r.addresseeId() != null) {
                ids.add(r.addresseeId());
            }
        });
        Map<Long, UserView> people = users.byIds(ids);
        Function<Long, String> name = id ->
                id == null ? null : people.containsKey(id) ? people.get(id).name() : "unknown";
        return rows.stream()
                .map(r -> new ReviewComment(
                        r.id(),
                        r.target(),
                        r.kind(),
                        r.body(),
                        r.addresseeId(),
                        name.apply(r.addresseeId()),
                        r.authorId(),
                        name.apply(r.authorId()),
                        r.createdAt()))
                .toList();
    }

    /** Package-level: {@link ReviewPublishing} and the comment path share the started row. */
    Row started(long incidentId, Actor actor) {
        Actors.requireWrite(actor);
        Incident incident = incidents.get(incidentId, actor);
        store.insert(incidentId, policies.forIncident(incident).depth(), actor.userId(), clock.instant());
        return store.lock(incidentId).orElseThrow(() -> new NotFoundException("Review of " + incident.reference()));
    }

    Review view(Incident incident, Row row) {
        ReviewPolicy policy = policies.forIncident(incident);
        if (row == null) {
            return new Review(
                    incident.id(),
                    incident.reference(),
                    incident.title(),
                    incident.severity(),
                    ReviewState.DRAFT,
                    policy.depth(),
                    policy.required(),
                    "",
                    "",
                    "",
                    "",
                    "",
                    Phases.BUILT_IN,
                    List.of(),
                    null,
                    null,
                    null,
                    null);
        }
        List<String> custom = Phases.split(row.customPhases());
        String publisher = row.publishedBy() == null
                ? null
                : users.find(row.publishedBy()).map(UserView::name).orElse("unknown");
        return new Review(
                incident.id(),
                incident.reference(),
                incident.title(),
                incident.severity(),
                row.state(),
                row.depth(),
                policy.required(),
                row.narrative(),
                row.whatHappened(),
                row.learned(),
                row.hypothesis(),
                row.surprises(),
                Phases.all(custom),
                custom,
                row.createdAt(),
                row.updatedAt(),
                row.publishedAt(),
                publisher);
    }

    private Row editable(long incidentId, Actor actor) {
        Row row = started(incidentId, actor);
        if (row.state() == ReviewState.PUBLISHED) {
            throw new ConflictException("The review of " + Incident.reference(incidentId) + " is published and final");
        }
        return row;
    }

    private static List<String> checkCustom(List<String> raw) {
        if (raw.size() > Phases.MAX_CUSTOM) {
            throw new InvalidInputException("customPhases", "must be at most " + Phases.MAX_CUSTOM + " phases");
        }
        List<String> names = new ArrayList<>();
        for (String phase : raw) {
            String name = Phases.name(phase, "customPhases");
            if (!Phases.BUILT_IN.contains(name) && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static String pick(String given, String current) {
        return given == null ? current : given;
    }

    private static String oneLine(String text) {
        String line =
                Objects.requireNonNullElse(text, "").replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 299) + "\u2026" : line;
    }
}
