package dev.cairn.review;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.Incidents;
import dev.cairn.review.internal.ReviewReadStore;
import dev.cairn.review.internal.ReviewReadStore.ReadRow;
import dev.cairn.review.internal.ReviewStore;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
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

    /** The reviews the actor may see (published first), newest first, with their reader counts. */
    public List<Listed> overview(Actor actor, int limit) {
        List<ReviewStore.Row> rows = reviews.list(EnumSet.allOf(ReviewState.class), 2000);
        List<Listed> listed = new ArrayList<>();
        List<ReviewStore.Row> visible = rows.stream()
                .filter(r -> incidents.canView(r.incidentId(), actor))
                .limit(limit)
                .toList();
        Map<Long, Integer> counts = reads.readerCounts(
                visible.stream().map(ReviewStore.Row::incidentId).toList());
        for (ReviewStore.Row row : visible) {
            Incident incident = incidents.get(row.incidentId(), actor);
            listed.add(new Listed(
                    new Review(
                            incident.id(),
                            incident.reference(),
                            incident.title(),
                            incident.severity(),
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
                    counts.getOrDefault(row.incidentId(), 0)));
        }
        return listed;
    }

    /** Openings per day over the last {@code days} days, across the reviews the actor may see. */
    public List<ReadFigures.Day> overTime(Actor actor, int days) {
        List<Long> visible = reviews.list(EnumSet.of(ReviewState.PUBLISHED), 5000).stream()
                .map(ReviewStore.Row::incidentId)
                .filter(id -> incidents.canView(id, actor))
                .toList();
        Instant from = clock.instant().minus(Duration.ofDays(days));
        Map<LocalDate, ReadFigures.Day> filled = new TreeMap<>();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (int i = days - 1; i >= 0; i--) {
            filled.put(today.minusDays(i), new ReadFigures.Day(today.minusDays(i), 0, 0));
        }
        days(reads.since(visible, from)).forEach(d -> filled.put(d.day(), d));
        return List.copyOf(filled.values());
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
