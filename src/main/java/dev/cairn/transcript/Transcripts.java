package dev.cairn.transcript;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.timeline.EntryKind;
import dev.cairn.timeline.ImportedEntry;
import dev.cairn.timeline.Timeline;
import dev.cairn.transcript.internal.ChatLogReader;
import dev.cairn.transcript.internal.ImportStore;
import dev.cairn.transcript.internal.Line;
import dev.cairn.transcript.internal.SlackExportReader;
import dev.cairn.transcript.internal.VttReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports transcripts into incident timelines. A file is read as a stream and its messages are
 * added in JDBC batches, all in one transaction: a broken file (its name and line in the 400)
 * leaves nothing half-imported. Authors become Cairn users when their Slack id, e-mail or name
 * matches (or a speaker was mapped by hand); otherwise their name is kept on the entry.
 */
@Service
public class Transcripts {

    static final int BATCH = 500;

    private final Timeline timeline;
    private final Incidents incidents;
    private final Users users;
    private final ImportStore store;
    private final Audit audit;
    private final Clock clock;

    Transcripts(Timeline timeline, Incidents incidents, Users users, ImportStore store, Audit audit, Clock clock) {
        this.timeline = timeline;
        this.incidents = incidents;
        this.users = users;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ImportResult importFile(long incidentId, ImportRequest request, String fileName, Path file, Actor actor) {
        Actors.requireWrite(actor);
        Incident incident = incidents.get(incidentId, actor);
        if (request.kind() == null) {
            throw new InvalidInputException("kind", "must be slack-export, vtt or chat-log");
        }
        if (request.from() != null && request.to() != null && !request.from().isBefore(request.to())) {
            throw new InvalidInputException("to", "must be after from");
        }
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
        if (name.length() > 300) {
            name = name.substring(name.length() - 300);
        }
        Authors authors = new Authors(users.active(), request.speakers());
        Batcher batcher = new Batcher(incidentId, request.kind().json(), authors, actor);
        int outOfRange = 0;
        String channel = null;
        switch (request.kind()) {
            case SLACK_EXPORT -> {
                channel = request.channel() == null
                        ? null
                        : request.channel().strip().replaceFirst("^#", "");
                outOfRange = SlackExportReader.read(file, channel, request.from(), request.to(), batcher);
            }
            case VTT -> {
                Instant start = request.startedAt() != null ? request.startedAt() : incident.declaredAt();
                try (InputStream in = Files.newInputStream(file)) {
                    VttReader.read(in, name, start, batcher);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case CHAT_LOG -> {
                try (InputStream in = Files.newInputStream(file)) {
                    ChatLogReader.read(in, name, batcher);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        batcher.flush();
        int skipped = batcher.read - batcher.added + outOfRange;
        Instant now = clock.instant();
        long id = store.insert(
                incidentId, request.kind().json(), name, channel, batcher.added, skipped, actor.userId(), now);
        audit.record(
                actor,
                "transcript.imported",
                "incident",
                incidentId,
                request.kind().json() + " " + name + (channel == null ? "" : " #" + channel) + ": " + batcher.added
                        + " imported, " + skipped + " skipped");
        return new ImportResult(
                id,
                incidentId,
                request.kind().json(),
                name,
                channel,
                batcher.added,
                skipped,
                actor.name(),
                now,
                List.copyOf(authors.unmatched));
    }

    /** Past imports of an incident, newest first. */
    public List<ImportResult> list(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        List<ImportStore.Row> rows = store.list(incidentId, 200);
        Map<Long, UserView> by =
                users.byIds(rows.stream().map(ImportStore.Row::createdBy).toList());
        return rows.stream()
                .map(r -> new ImportResult(
                        r.id(),
                        r.incidentId(),
                        r.kind(),
                        r.fileName(),
                        r.channel(),
                        r.imported(),
                        r.skipped(),
                        by.containsKey(r.createdBy()) ? by.get(r.createdBy()).name() : "unknown",
                        r.createdAt(),
                        List.of()))
                .toList();
    }

    /** Speakers of a call transcript that no Cairn user's name matches, for the mapping step. */
    public List<String> unmatchedSpeakers(Path file, String fileName) {
        Authors authors = new Authors(users.active(), Map.of());
        try (InputStream in = Files.newInputStream(file)) {
            VttReader.read(in, fileName, Instant.EPOCH, line -> authors.resolve(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(authors.unmatched);
    }

    /** Cairn users by Slack id, e-mail and name (case-insensitive), plus speakers mapped by hand. */
    static final class Authors {
        private static final long AMBIGUOUS = -1;
        private final Map<String, Long> bySlackId = new HashMap<>();
        private final Map<String, Long> byEmail = new HashMap<>();
        private final Map<String, Long> byName = new HashMap<>();
        private final Map<String, Long> mapped = new HashMap<>();
        final TreeSet<String> unmatched = new TreeSet<>();

        Authors(List<UserView> people, Map<String, Long> speakers) {
            for (UserView u : people) {
                if (u.slackId() != null && !u.slackId().isBlank()) {
                    bySlackId.put(u.slackId(), u.id());
                }
                byEmail.put(u.email().toLowerCase(Locale.ROOT), u.id());
                // a name two users share matches neither: the speaker is offered for mapping instead
                byName.merge(u.name().strip().toLowerCase(Locale.ROOT), u.id(), (a, b) -> AMBIGUOUS);
            }
            Map<Long, UserView> ids = new HashMap<>();
            people.forEach(u -> ids.put(u.id(), u));
            speakers.forEach((speaker, userId) -> {
                if (userId != null) {
                    if (!ids.containsKey(userId)) {
                        throw new InvalidInputException("speakers", "no active user " + userId + " for " + speaker);
                    }
                    mapped.put(speaker.strip().toLowerCase(Locale.ROOT), userId);
                }
            });
        }

        Long resolve(Line line) {
            String name =
                    line.authorName() == null ? "" : line.authorName().strip().toLowerCase(Locale.ROOT);
            Long id = mapped.get(name);
            if (id == null && line.authorRef() != null) {
                id = bySlackId.get(line.authorRef());
            }
            if (id == null && line.authorEmail() != null) {
                id = byEmail.get(line.authorEmail().toLowerCase(Locale.ROOT));
            }
            if (id == null && !name.isEmpty() && !"true".equals(line.data().get("bot"))) {
                id = byName.get(name);
                if (id != null && id == AMBIGUOUS) {
                    id = null;
                }
            }
            if (id == null && !name.isEmpty() && unmatched.size() < 1000) {
                unmatched.add(line.authorName().strip());
            }
            return id;
        }
    }

    /** Collects read lines into batches for the timeline, in the import's transaction. */
    private final class Batcher implements Consumer<Line> {
        private final long incidentId;
        private final String source;
        private final Authors authors;
        private final Actor actor;
        private final List<ImportedEntry> batch = new ArrayList<>(BATCH);
        int read;
        int added;

        Batcher(long incidentId, String source, Authors authors, Actor actor) {
            this.incidentId = incidentId;
            this.source = source;
            this.authors = authors;
            this.actor = actor;
        }

        @Override
        public void accept(Line line) {
            read++;
            Long userId = authors.resolve(line);
            String author = line.authorName() == null || line.authorName().isBlank() ? "unknown" : line.authorName();
            if (author.length() > 200) {
                author = author.substring(0, 200);
            }
            batch.add(new ImportedEntry(
                    line.key(), userId, author, EntryKind.MESSAGE, line.body(), line.at(), line.data()));
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                added += timeline.importEntries(incidentId, source, batch, actor);
                batch.clear();
            }
        }
    }
}
