package dev.cairn.demo;

import dev.cairn.demo.DemoPlan.AssignRole;
import dev.cairn.demo.DemoPlan.ChangeSeverity;
import dev.cairn.demo.DemoPlan.ChangeStatus;
import dev.cairn.demo.DemoPlan.Join;
import dev.cairn.demo.DemoPlan.Leave;
import dev.cairn.demo.DemoPlan.Post;
import dev.cairn.demo.DemoPlan.Step;
import dev.cairn.demo.Scenarios.Scenario;
import dev.cairn.demo.Scenarios.Vars;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.timeline.EntryKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Writes the story of one incident as steps: people arrive and take roles, talk while they
 * investigate, find the cause, fix, watch it recover, and some leave; the status moves
 * investigating → identified → monitoring → resolved with gaps of minutes to hours. Someone posts
 * only once they are in the room, so private incidents stay consistent.
 */
final class TimelineGenerator {

    /** Who takes part. {@code commander}, {@code commsLead} and {@code scribe} may be null. */
    record Cast(
            String declarer,
            String commander,
            String commsLead,
            String scribe,
            List<String> experts,
            List<String> helpers,
            List<String> followers) {

        String lead() {
            return commander != null ? commander : declarer;
        }
    }

    private final RandomGenerator random;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Instant> joined = new LinkedHashMap<>();
    private final Map<String, Instant> left = new LinkedHashMap<>();

    private TimelineGenerator(RandomGenerator random) {
        this.random = random;
    }

    static List<Step> story(
            Cast cast,
            Scenario scenario,
            Vars vars,
            String severity,
            boolean openToOthers,
            Instant declaredAt,
            IncidentStatus stopAt,
            Instant now,
            RandomGenerator random) {
        TimelineGenerator story = new TimelineGenerator(random);
        story.write(cast, scenario, vars, severity, openToOthers, declaredAt, stopAt);
        Instant limit = now.minusSeconds(60);
        return story.steps.stream()
                .filter(s -> s.at().isBefore(limit))
                .sorted(Comparator.comparing(Step::at))
                .toList();
    }

    private void write(
            Cast cast,
            Scenario scenario,
            Vars vars,
            String severity,
            boolean openToOthers,
            Instant declared,
            IncidentStatus stopAt) {
        String lead = cast.lead();
        int rank = severity.charAt(severity.length() - 1) - '0';
        joined.put(cast.declarer(), declared);

        Instant identified = declared.plus(gap(10, new int[] {60, 90, 180, 300}[rank - 1]));
        Instant monitoring = identified.plus(gap(5, new int[] {60, 90, 120, 240}[rank - 1]));
        Instant resolved = monitoring.plus(gap(15, new int[] {90, 120, 240, 600}[rank - 1]));

        Instant first = declared.plusSeconds(20 + random.nextInt(60));
        post(first, cast.declarer(), pick(scenario.symptoms()), vars, false);
        if (cast.commander() != null) {
            Instant at = declared.plusSeconds(cast.commander().equals(cast.declarer()) ? 30 : 30 + random.nextInt(60));
            steps.add(new AssignRole(at, cast.declarer(), IncidentRole.COMMANDER, cast.commander()));
            joined.putIfAbsent(cast.commander(), at);
        }
        arrive(cast, declared, identified, lead, openToOthers);
        if (rank == 3 && random.nextDouble() < 0.12) {
            Instant at = declared.plus(gap(10, 30));
            steps.add(new ChangeSeverity(at, lead, "SEV2"));
            post(at.plusSeconds(20), lead, "Bumping to SEV2, more customers affected than we thought", vars, false);
        }

        int posts = new int[] {20, 14, 8, 5}[rank - 1] + random.nextInt(new int[] {10, 8, 6, 4}[rank - 1]);
        boolean skipIdentified = random.nextDouble() < 0.15;
        chatter(scenario.investigation(), Scenarios.CHATTER, posts / 2, first, identified, vars);
        if (stopAt == IncidentStatus.INVESTIGATING) {
            return;
        }
        Instant cause = identified.minusSeconds(30 + random.nextInt(120));
        post(cause, expertOr(cast, cause), scenario.cause(), vars, true);
        if (!skipIdentified) {
            steps.add(new ChangeStatus(identified, lead, IncidentStatus.IDENTIFIED));
        }
        if (stopAt == IncidentStatus.IDENTIFIED) {
            return;
        }
        chatter(List.of(), Scenarios.FIXING, posts / 4, identified, monitoring, vars);
        Instant fix = monitoring.minusSeconds(30 + random.nextInt(300));
        post(fix, expertOr(cast, fix), scenario.fix(), vars, true);
        steps.add(new ChangeStatus(monitoring, lead, IncidentStatus.MONITORING));
        updates(cast, severity, declared, identified, monitoring, resolved, vars);
        if (stopAt == IncidentStatus.MONITORING) {
            return;
        }
        leave(cast, monitoring, resolved);
        chatter(scenario.recovery(), Scenarios.WATCHING, Math.max(1, posts / 4), monitoring, resolved, vars);
        post(resolved.minusSeconds(20), lead, "Resolving. Thanks everyone, review to follow.", vars, false);
        steps.add(new ChangeStatus(resolved, lead, IncidentStatus.RESOLVED));
        if (stopAt == IncidentStatus.CLOSED) {
            steps.add(new ChangeStatus(
                    resolved.plus(Duration.ofHours(20 + random.nextInt(200))), lead, IncidentStatus.CLOSED));
        }
    }

    /** Roles and people arriving over the first minutes (experts are paged, followers drop in). */
    private void arrive(Cast cast, Instant declared, Instant identified, String lead, boolean openToOthers) {
        long window = Math.max(120, Duration.between(declared, identified).toSeconds());
        for (String expert : cast.experts()) {
            Instant at = declared.plusSeconds(120 + random.nextLong(Math.min(window, 1500)));
            steps.add(new Join(at, openToOthers ? expert : lead, expert, "paged"));
            steps.add(new AssignRole(
                    at.plusSeconds(30 + random.nextInt(60)), lead, IncidentRole.SUBJECT_MATTER_EXPERT, expert));
            joined.putIfAbsent(expert, at);
        }
        if (cast.scribe() != null) {
            Instant at = declared.plusSeconds(180 + random.nextInt(420));
            steps.add(new AssignRole(at, lead, IncidentRole.SCRIBE, cast.scribe()));
            joined.putIfAbsent(cast.scribe(), at);
        }
        if (cast.commsLead() != null) {
            Instant at = declared.plusSeconds(300 + random.nextInt(600));
            steps.add(new AssignRole(at, lead, IncidentRole.COMMUNICATIONS_LEAD, cast.commsLead()));
            joined.putIfAbsent(cast.commsLead(), at);
        }
        for (String helper : cast.helpers()) {
            Instant at = declared.plusSeconds(120 + random.nextLong(window));
            steps.add(new Join(at, openToOthers ? helper : lead, helper, "joined"));
            joined.putIfAbsent(helper, at);
        }
        for (String follower : cast.followers()) {
            Instant at = declared.plusSeconds(300 + random.nextLong(window));
            steps.add(new Join(at, lead, follower, "following"));
        }
    }

    /**
     * Messages between two moments, each by someone already in the room: the scenario's lines in
     * order, then small talk of that phase.
     */
    private void chatter(List<String> lines, List<String> talk, int count, Instant from, Instant to, Vars vars) {
        // Ends before the key moment that closes the phase is posted.
        long span = Math.max(60, Duration.between(from, to).toSeconds() - 240);
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(from.plusSeconds(30 + random.nextLong(span)));
        }
        times.sort(Comparator.naturalOrder());
        for (int i = 0; i < times.size(); i++) {
            Instant at = times.get(i);
            String text = i < lines.size() ? lines.get(i) : pick(talk);
            present(at).ifPresent(author -> post(at, author, text, vars, false));
        }
    }

    private Optional<String> present(Instant at) {
        List<String> here = joined.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(at.minusSeconds(10)))
                .filter(e ->
                        !left.containsKey(e.getKey()) || left.get(e.getKey()).isAfter(at))
                .map(Map.Entry::getKey)
                .toList();
        return here.isEmpty() ? Optional.empty() : Optional.of(here.get(random.nextInt(here.size())));
    }

    /** Stakeholder updates: the communications lead on a cadence, or the lead once for a big one. */
    private void updates(
            Cast cast,
            String severity,
            Instant declared,
            Instant identified,
            Instant monitoring,
            Instant resolved,
            Vars vars) {
        if (cast.commsLead() != null) {
            Instant at = declared.plusSeconds(900 + random.nextInt(600));
            for (int i = 0; i < 4 && at.isBefore(resolved); i++) {
                int phase = at.isBefore(identified) ? 0 : at.isBefore(monitoring) ? 1 : 2;
                steps.add(new Post(
                        at,
                        cast.commsLead(),
                        EntryKind.UPDATE,
                        Scenarios.fill(Scenarios.UPDATES.get(phase), vars, random),
                        false));
                at = at.plus(Duration.ofMinutes(30 + random.nextInt(30)));
            }
        } else if (severity.equals("SEV1") || severity.equals("SEV2")) {
            steps.add(new Post(
                    identified.plusSeconds(120),
                    cast.lead(),
                    EntryKind.UPDATE,
                    Scenarios.fill(Scenarios.UPDATES.get(1), vars, random),
                    false));
        }
    }

    /** Some helpers, experts and followers drop off once things are under control. */
    private void leave(Cast cast, Instant monitoring, Instant resolved) {
        long span = Math.max(60, Duration.between(monitoring, resolved).toSeconds() - 120);
        List<String> candidates = new ArrayList<>(cast.helpers());
        candidates.addAll(cast.experts());
        candidates.addAll(cast.followers());
        for (String person : candidates) {
            if (random.nextDouble() < 0.4 && !left.containsKey(person)) {
                Instant at = monitoring.plusSeconds(30 + random.nextLong(span));
                steps.add(new Leave(at, cast.followers().contains(person) ? cast.lead() : person, person));
                left.put(person, at);
            }
        }
    }

    private void post(Instant at, String author, String text, Vars vars, boolean starred) {
        steps.add(new Post(at, author, EntryKind.MESSAGE, Scenarios.fill(text, vars, random), starred));
    }

    /** An expert already in the room at that moment, or else the lead. */
    private String expertOr(Cast cast, Instant at) {
        List<String> here = cast.experts().stream()
                .filter(e -> joined.containsKey(e) && joined.get(e).isBefore(at))
                .toList();
        return here.isEmpty() ? cast.lead() : here.get(random.nextInt(here.size()));
    }

    private Duration gap(int minMinutes, int maxMinutes) {
        double r = random.nextDouble();
        // Skewed towards short gaps: most phases take minutes, a few take hours.
        return Duration.ofSeconds((long) ((minMinutes + (maxMinutes - minMinutes) * r * r) * 60));
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
