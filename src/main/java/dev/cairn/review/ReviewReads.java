package dev.cairn.review;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentVisibility;
import dev.cairn.incident.Incidents;
import dev.cairn.review.internal.ReviewReadStore;
import dev.cairn.review.internal.ReviewReadStore.ReadRow;
import dev.cairn.review.internal.ReviewStore;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Are reviews read or filed? Each opening of a published review by a person is recorded; the page
 * then reports how far down it was read and for how long. Figures only ever cover reviews the
 * asker may see, so private incidents never show up in counts.
 */
@Service
public class ReviewReads {

    /** Longer than this in one opening is a tab left open, not reading. */
    static final int MAX_SECONDS = 4 * 3600;

    private final ReviewReadStore reads;
    private final ReviewStore reviews;
    private final Incidents incidents;
    private final Users users;
    private final Teams teams;
    private final Clock clock;

    ReviewReads(
            ReviewReadStore reads, ReviewStore reviews, Incidents incidents, Users users, Teams teams, Clock clock) {
        this.reads = reads;
        this.reviews = reviews;
        this.incidents = incidents;
        this.users = users;
        this.teams = teams;
        this.clock = clock;
    }

    /** Records that the actor opened the published review; empty for Cairn itself or an unpublished review. */
    @Transactional
    public Optional<Long> opened(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        boolean published = reviews.find(incidentId)
                .map(r -> r.state() == ReviewState.PUBLISHED)
                .orElse(false);
        if (!published || actor.isSystem()) {
            return Optional.empty();
        }
        return Optional.of(reads.open(incidentId, actor.userId(), clock.instant()));
    }

    /** How far (percent) and how long (seconds) the actor has read in one opening of theirs. */
    @Transactional
    public void progress(long incidentId, long readId, int depth, int seconds, Actor actor) {
        incidents.get(incidentId, actor);
        if (depth < 0 || depth > 100) {
            throw new InvalidInputException("depth", "must be a percentage from 0 to 100");
        }
        if (seconds < 0) {
            throw new InvalidInputException("seconds", "must not be negative");
        }
        if (reads.progress(readId, incidentId, actor.userId(), depth, Math.min(seconds, MAX_SECONDS), clock.instant())
                == 0) {
            throw new ConflictException("Read " + readId + " is not yours on this review");
        }
    }

    public ReadFigures figures(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        List<ReadRow> rows = reads.reads(incidentId);
        Map<Long, List<ReadRow>> byReader =
                rows.stream().collect(Collectors.groupingBy(ReadRow::userId, LinkedHashMap::new, Collectors.toList()));
        Map<Long, UserView> people = users.byIds(byReader.keySet());
        List<ReadFigures.Reader> readers = new ArrayList<>();
        byReader.forEach((userId, opens) -> readers.add(new ReadFigures.Reader(
                userId,
                people.containsKey(userId) ? people.get(userId).name() : "unknown",
                opens.getFirst().openedAt(),
                opens.stream().map(ReadRow::lastSeenAt).max(Instant::compareTo).orElseThrow(),
                opens.stream().mapToInt(ReadRow::depth).max().orElse(0),
                opens.stream().mapToLong(ReadRow::seconds).sum())));
        Map<String, Integer> perTeam = new TreeMap<>();
        Map<Long, String> teamNames = teams.all().stream().collect(Collectors.toMap(t -> t.id(), t -> t.name()));
        for (Long userId : byReader.keySet()) {
            List<Long> ids = teams.teamIdsOf(userId);
            if (ids.isEmpty()) {
                perTeam.merge("No team", 1, Integer::sum);
            }
            ids.forEach(t -> perTeam.merge(teamNames.getOrDefault(t, "Team " + t), 1, Integer::sum));
        }
        int[] depths =
                readers.stream().mapToInt(ReadFigures.Reader::depth).sorted().toArray();
        return new ReadFigures(
                incidentId,
                readers.size(),
                rows.size(),
                depths.length == 0 ? 0 : depths[depths.length / 2],
                readers.stream().mapToLong(ReadFigures.Reader::seconds).sum(),
                readers,
                perTeam.entrySet().stream()
                        .map(e -> new ReadFigures.TeamReaders(e.getKey(), e.getValue()))
                        .toList(),
                days(rows));
    }

    /** A review in the list of reviews, with how many people read it. */
    public record Listed(Review review, int readers) {}

    /** What the list of reviews is narrowed to; null fields: any. */
    public record ListFilter(ReviewState state, String severity, Long teamId) {
        public static final ListFilter ANY = new ListFilter(null, null, null);
    }

    /**
     * One page of the reviews the actor may see (visibility checked in the query), newest incident
     * first, with their reader counts.
     */
    public CursorPage<Listed> page(Actor actor, ListFilter filter, String cursor, int limit) {
        Map<String, Object> params = new HashMap<>();
        String visible = IncidentVisibility.condition("i", actor, params);
        List<ReviewStore.ListedRow> rows = reviews.page(
                CursorPage.decode(cursor),
                limit + 1,
                filter.state(),
                filter.severity(),
                filter.teamId(),
                visible,
                params);
        List<Listed> listed = rows.stream()
                .map(row -> new Listed(
                        new Review(
                                row.incidentId(),
                                Incident.reference(row.incidentId()),
                                row.title(),
                                row.severity(),
                                row.state(),
                                row.depth(),
                                false,
                                "",
                                "",
                                "",
                                "",
                                "",
                                List.of(),
                                List.of(),
                                row.createdAt(),
                                row.updatedAt(),
                                row.publishedAt(),
                                null),
                        row.readers()))
                .toList();
        return CursorPage.of(listed, limit, l -> l.review().incidentId());
    }

    /** Distinct readers of one team in one week (weeks start on Monday, UTC). */
    public record TeamWeek(String team, LocalDate week, int readers) {}

    /** Readers per team per week over the last {@code days} days, across the published reviews the actor may see. */
    public List<TeamWeek> teamsOverTime(Actor actor, ListFilter filter, int days) {
        Map<String, Object> params = new HashMap<>();
        String visible = IncidentVisibility.condition("i", actor, params);
        Instant from = clock.instant().minus(Duration.ofDays(days));
        Map<Long, String> teamNames = teams.all().stream().collect(Collectors.toMap(t -> t.id(), t -> t.name()));
        Map<String, Map<LocalDate, java.util.Set<Long>>> readers = new TreeMap<>();
        for (ReviewStore.TeamOpening o :
                reviews.teamOpenings(from, filter.severity(), filter.teamId(), visible, params)) {
            String team = o.teamId() == null ? "No team" : teamNames.getOrDefault(o.teamId(), "Team " + o.teamId());
            LocalDate week = LocalDate.ofInstant(o.openedAt(), ZoneOffset.UTC)
                    .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            readers.computeIfAbsent(team, k -> new TreeMap<>())
                    .computeIfAbsent(week, k -> new java.util.HashSet<>())
                    .add(o.userId());
        }
        List<TeamWeek> weeks = new ArrayList<>();
        readers.forEach(
                (team, byWeek) -> byWeek.forEach((week, people) -> weeks.add(new TeamWeek(team, week, people.size()))));
        return weeks;
    }

    private static List<ReadFigures.Day> days(List<ReadRow> rows) {
        Map<LocalDate, List<ReadRow>> byDay = rows.stream()
                .collect(Collectors.groupingBy(
                        r -> LocalDate.ofInstant(r.openedAt(), ZoneOffset.UTC), TreeMap::new, Collectors.toList()));
        return byDay.entrySet().stream()
                .map(e -> new ReadFigures.Day(e.getKey(), e.getValue().size(), (int)
                        e.getValue().stream().map(ReadRow::userId).distinct().count()))
                .toList();
    }
}
