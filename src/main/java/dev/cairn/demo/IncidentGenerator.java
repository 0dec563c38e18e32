package dev.cairn.demo;

import dev.cairn.demo.Scenarios.Scenario;
import dev.cairn.demo.Scenarios.Vars;
import dev.cairn.demo.TimelineGenerator.Cast;
import dev.cairn.identity.Role;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Six months of incidents: when they happen (more on weekdays, some at night in the commander's
 * own time zone), how bad they are (mostly SEV3/SEV4), which services they hit, and who is pulled
 * in. The go-to expert of a service is in most of its incidents at first and fewer later, as
 * others learn the system.
 */
final class IncidentGenerator {

    static final int COUNT = 300;
    static final int OPEN = 4;
    static final Duration SPAN = Duration.ofDays(182);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Map<String, DemoPlan.Person> people;
    private final List<DemoPlan.Team> teams;
    private final List<DemoPlan.Service> services;
    private final double[] serviceWeights;
    private final List<String> responders;
    private final List<String> viewers;

    IncidentGenerator(
            List<DemoPlan.Person> people,
            List<DemoPlan.Team> teams,
            List<DemoPlan.Service> services,
            double[] serviceWeights) {
        this.people = people.stream()
                .collect(
                        Collectors.toMap(DemoPlan.Person::email, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        this.teams = teams;
        this.services = services;
        this.serviceWeights = serviceWeights;
        this.responders = people.stream()
                .filter(p -> p.role() == Role.RESPONDER)
                .map(DemoPlan.Person::email)
                .toList();
        this.viewers = people.stream()
                .filter(p -> p.role() == Role.VIEWER)
                .map(DemoPlan.Person::email)
                .toList();
    }

    /**
     * Each incident draws from its own split, and its story from a split of that, so changing how
     * one incident or one story is written leaves all the others as they were.
     */
    List<DemoPlan.Incident> incidents(Instant now, SplittableRandom random) {
        List<DemoPlan.Incident> incidents = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            incidents.add(incident(i < OPEN, now, random.split()));
        }
        incidents.sort(Comparator.comparing(DemoPlan.Incident::declaredAt));
        return List.copyOf(incidents);
    }

    private DemoPlan.Incident incident(boolean open, Instant now, SplittableRandom random) {
        SplittableRandom storyRandom = random.split();
        double kind = random.nextDouble();
        IncidentType type =
                open || kind >= 0.11 ? IncidentType.DEFAULT : kind < 0.08 ? IncidentType.DRILL : IncidentType.PRIVATE;
        DemoPlan.Service primary = services.get(weighted(serviceWeights, random));
        List<String> affected = new ArrayList<>(List.of(primary.name()));
        if (type == IncidentType.DEFAULT && random.nextDouble() < 0.35) {
            String other = services.get(weighted(serviceWeights, random)).name();
            if (!affected.contains(other)) {
                affected.add(other);
            }
        }
        String severity = severity(type, primary.tier(), random);
        boolean big = severity.equals("SEV1") || severity.equals("SEV2");
        List<String> owners = responders(primary.ownerTeam());

        String commander = big || random.nextDouble() < 0.9
                ? random.nextDouble() < 0.55 ? pick(owners, random) : pick(responders, random)
                : null;
        String declarer = commander != null && random.nextDouble() < 0.7 ? commander : pick(owners, random);
        String anchor = commander != null ? commander : declarer;

        Instant declaredAt =
                open ? now.minus(Duration.ofMinutes(180 + random.nextInt(37 * 60))) : when(type, anchor, now, random);
        double progress = Math.max(0, 1 - Duration.between(declaredAt, now).toSeconds() / (double) SPAN.toSeconds());
        Instant impactStarted = declaredAt.minus(Duration.ofMinutes(2 + random.nextInt(40)));
        Instant detected = impactStarted.plus(Duration.ofMinutes(
                random.nextInt((int) Duration.between(impactStarted, declaredAt).toMinutes() + 1)));

        Cast cast = cast(declarer, commander, primary, affected, severity, type, progress, random);

        Scenario scenario = scenario(type, primary.name(), random);
        String since =
                HH_MM.format(impactStarted.atZone(ZoneId.of(people.get(declarer).timeZone())));
        Vars vars = Vars.of(affected.getFirst(), since, random);
        IncidentStatus stopAt = open
                ? List.of(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING)
                        .get(random.nextInt(3))
                : random.nextDouble() < 0.45 ? IncidentStatus.CLOSED : IncidentStatus.RESOLVED;
        return new DemoPlan.Incident(
                Scenarios.fill(scenario.title(), vars, random),
                Scenarios.fill(scenario.summary(), vars, random),
                severity,
                type,
                List.copyOf(affected),
                declarer,
                impactStarted,
                detected,
                declaredAt,
                TimelineGenerator.story(
                        cast,
                        scenario,
                        vars,
                        severity,
                        type != IncidentType.PRIVATE,
                        declaredAt,
                        stopAt,
                        now,
                        storyRandom));
    }

    /**
     * Who else takes part: experts, a scribe and a communications lead for the bigger ones (drills
     * need no stakeholder updates), people from the owning team who help, and viewers who follow.
     */
    private Cast cast(
            String declarer,
            String commander,
            DemoPlan.Service primary,
            List<String> affected,
            String severity,
            IncidentType type,
            double progress,
            RandomGenerator random) {
        boolean big = severity.equals("SEV1") || severity.equals("SEV2");
        List<String> owners = responders(primary.ownerTeam());
        Set<String> taken = new LinkedHashSet<>(List.of(declarer));
        if (commander != null) {
            taken.add(commander);
        }
        List<String> experts = experts(primary, affected, progress, taken, random);
        taken.addAll(experts);
        String scribe = random.nextDouble() < (severity.equals("SEV1") ? 0.6 : big ? 0.3 : 0.05)
                ? other(responders, taken, random)
                : null;
        if (scribe != null) {
            taken.add(scribe);
        }
        String commsLead = random.nextDouble() < (severity.equals("SEV1") ? 0.9 : big ? 0.6 : 0.15)
                        && type != IncidentType.DRILL
                ? other(responders(random.nextBoolean() ? "Customer Support" : primary.ownerTeam()), taken, random)
                : null;
        if (commsLead != null) {
            taken.add(commsLead);
        }
        List<String> helpers = new ArrayList<>();
        for (int h = random.nextInt(big ? 5 : 3); h > 0; h--) {
            String helper = other(random.nextDouble() < 0.7 ? owners : responders, taken, random);
            if (helper != null) {
                helpers.add(helper);
                taken.add(helper);
            }
        }
        List<String> followers = big && type != IncidentType.PRIVATE
                ? viewers.stream().filter(v -> random.nextDouble() < 0.4).toList()
                : List.of();

        return new Cast(declarer, commander, commsLead, scribe, experts, helpers, followers);
    }

    /** A day in the last six months (weekdays more likely) and a local time of the person on point. */
    private Instant when(IncidentType type, String person, Instant now, RandomGenerator random) {
        ZoneId zone = ZoneId.of(people.get(person).timeZone());
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate day;
        do {
            day = today.minusDays(3 + random.nextInt((int) SPAN.toDays() - 3));
        } while (weekend(day) && (type == IncidentType.DRILL || random.nextDouble() < 0.65));
        double hour = random.nextDouble();
        LocalTime time;
        if (type == IncidentType.DRILL) {
            time = LocalTime.of(10 + random.nextInt(6), random.nextInt(60));
        } else if (hour < 0.2) {
            // Night: between 23:00 and 07:59 where the person on point lives.
            time = LocalTime.of((23 + random.nextInt(9)) % 24, random.nextInt(60));
        } else if (hour < 0.38) {
            time = LocalTime.of(18 + random.nextInt(5), random.nextInt(60));
        } else {
            time = LocalTime.of(8 + random.nextInt(10), random.nextInt(60));
        }
        return day.atTime(time)
                .atZone(zone)
                .toInstant()
                .plusSeconds(random.nextInt(60))
                .truncatedTo(ChronoUnit.SECONDS);
    }

    private static boolean weekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static String severity(IncidentType type, int tier, RandomGenerator random) {
        double r = random.nextDouble();
        return switch (type) {
            case DRILL -> r < 0.5 ? "SEV3" : "SEV4";
            case PRIVATE -> r < 0.4 ? "SEV2" : "SEV3";
            case DEFAULT -> {
                // Critical services have worse incidents; most incidents are still minor.
                double shift = tier == 1 ? 0.05 : 0;
                yield r < 0.04 + shift ? "SEV1" : r < 0.18 + 2 * shift ? "SEV2" : r < 0.58 ? "SEV3" : "SEV4";
            }
        };
    }

    /**
     * The experts pulled in: the go-to person of the main service less and less often as time
     * goes by (0.95 → 0.25) while the others are pulled in more often; the go-to person of a
     * second affected service follows the same decline, a little less often.
     */
    private List<String> experts(
            DemoPlan.Service primary,
            List<String> affected,
            double progress,
            Set<String> taken,
            RandomGenerator random) {
        List<String> experts = new ArrayList<>();
        List<String> known = primary.experts();
        for (int i = 0; i < known.size(); i++) {
            double chance = i == 0 ? goTo(progress) : 0.2 + 0.4 * progress;
            if (!taken.contains(known.get(i)) && random.nextDouble() < chance) {
                experts.add(known.get(i));
            }
        }
        for (String name : affected.subList(1, affected.size())) {
            services.stream()
                    .filter(s -> s.name().equals(name))
                    .map(s -> s.experts().getFirst())
                    .filter(e ->
                            !taken.contains(e) && !experts.contains(e) && random.nextDouble() < 0.8 * goTo(progress))
                    .forEach(experts::add);
        }
        return List.copyOf(experts);
    }

    private static double goTo(double progress) {
        return 0.95 - 0.7 * progress;
    }

    private Scenario scenario(IncidentType type, String service, RandomGenerator random) {
        List<Scenario> pool = switch (type) {
            case DRILL -> Scenarios.DRILLS;
            case PRIVATE -> Scenarios.PRIVATE;
            case DEFAULT -> Scenarios.REAL;
        };
        List<Scenario> specific =
                pool.stream().filter(s -> s.services().contains(service)).toList();
        List<Scenario> generic =
                pool.stream().filter(s -> s.services().isEmpty()).toList();
        return !specific.isEmpty() && (generic.isEmpty() || random.nextDouble() < 0.75)
                ? pick(specific, random)
                : pick(generic, random);
    }

    private List<String> responders(String team) {
        return teams.stream()
                .filter(t -> t.name().equals(team))
                .flatMap(t -> t.memberEmails().stream())
                .filter(responders::contains)
                .toList();
    }

    private static String other(List<String> pool, Set<String> taken, RandomGenerator random) {
        List<String> free = pool.stream().filter(p -> !taken.contains(p)).toList();
        return free.isEmpty() ? null : free.get(random.nextInt(free.size()));
    }

    private static int weighted(double[] weights, RandomGenerator random) {
        double total = Arrays.stream(weights).sum();
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static <T> T pick(List<T> options, RandomGenerator random) {
        return options.get(random.nextInt(options.size()));
    }
}
