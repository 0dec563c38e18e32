package dev.cairn.demo;

import dev.cairn.identity.Role;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo organisation: six teams of people spread over seven time zones, mostly responders, a
 * few viewers (support agents, an executive) and one admin. Fixed rather than random, so that the
 * people a demo talks about ("ask Ariel about Consul") are always there.
 */
final class PeopleGenerator {

    static final String DOMAIN = "@demo.cairn.local";
    static final String ADMIN_EMAIL = "admin" + DOMAIN;

    private record Member(String name, String timeZone, Role role) {}

    private record TeamSpec(String name, String description, List<Member> members) {}

    private static final List<TeamSpec> TEAMS = List.of(
            new TeamSpec(
                    "Platform",
                    "Runs Kubernetes, Consul, the edge and the shared infrastructure everything else stands on.",
                    List.of(
                            new Member("Ariel Cohen", "Europe/London", Role.RESPONDER),
                            new Member("Tomasz Nowak", "Europe/Paris", Role.RESPONDER),
                            new Member("Priya Raman", "Asia/Kolkata", Role.RESPONDER),
                            new Member("Jake Morrison", "America/New_York", Role.RESPONDER),
                            new Member("Lena Fischer", "Europe/Paris", Role.RESPONDER),
                            new Member("Owen Gallagher", "Australia/Sydney", Role.RESPONDER))),
            new TeamSpec(
                    "Payments",
                    "Checkout, the payments API, billing and fraud scoring.",
                    List.of(
                            new Member("Sofia Marquez", "America/New_York", Role.RESPONDER),
                            new Member("Daniel Kim", "America/Los_Angeles", Role.RESPONDER),
                            new Member("Camille Laurent", "Europe/Paris", Role.RESPONDER),
                            new Member("Rahul Mehta", "Asia/Kolkata", Role.RESPONDER),
                            new Member("Hannah Becker", "Europe/London", Role.RESPONDER))),
            new TeamSpec(
                    "Identity",
                    "Sign-in, single sign-on and user profiles.",
                    List.of(
                            new Member("Marcus Johnson", "America/New_York", Role.RESPONDER),
                            new Member("Aisha Bello", "Europe/London", Role.RESPONDER),
                            new Member("Yuki Tanaka", "America/Los_Angeles", Role.RESPONDER),
                            new Member("Chloe Martin", "Europe/Paris", Role.RESPONDER),
                            new Member("Vikram Iyer", "Asia/Kolkata", Role.RESPONDER))),
            new TeamSpec(
                    "Data",
                    "Kafka, the analytics warehouse and search indexing.",
                    List.of(
                            new Member("Nina Petrova", "UTC", Role.RESPONDER),
                            new Member("Ethan Walker", "America/Los_Angeles", Role.RESPONDER),
                            new Member("Ananya Sharma", "Asia/Kolkata", Role.RESPONDER),
                            new Member("Lucas Moreau", "Europe/Paris", Role.RESPONDER),
                            new Member("Grace O'Neill", "Australia/Sydney", Role.RESPONDER))),
            new TeamSpec(
                    "Mobile",
                    "The iOS and Android apps, their backend and push notifications.",
                    List.of(
                            new Member("Mia Thompson", "Australia/Sydney", Role.RESPONDER),
                            new Member("Leo Rossi", "Europe/Paris", Role.RESPONDER),
                            new Member("Isabel Santos", "America/Los_Angeles", Role.RESPONDER),
                            new Member("Noah Williams", "America/New_York", Role.RESPONDER))),
            new TeamSpec(
                    "Customer Support",
                    "Talks to customers while things are broken, and runs the help center.",
                    List.of(
                            new Member("Ravi Kapoor", "Asia/Kolkata", Role.RESPONDER),
                            new Member("Jack Wilson", "Australia/Sydney", Role.RESPONDER),
                            new Member("Olivia Brown", "America/New_York", Role.VIEWER),
                            new Member("Zoe Dubois", "Europe/Paris", Role.VIEWER))));

    /** People outside the teams: the admin who runs the demo, and an executive who follows. */
    private static final List<DemoPlan.Person> OUTSIDERS = List.of(
            new DemoPlan.Person(ADMIN_EMAIL, "Morgan Blake", "UTC", Role.ADMIN),
            new DemoPlan.Person(email("Catherine Hale"), "Catherine Hale", "America/New_York", Role.VIEWER));

    List<DemoPlan.Person> people() {
        List<DemoPlan.Person> people = new ArrayList<>(OUTSIDERS);
        TEAMS.forEach(team -> team.members()
                .forEach(m -> people.add(new DemoPlan.Person(email(m.name()), m.name(), m.timeZone(), m.role()))));
        return List.copyOf(people);
    }

    List<DemoPlan.Team> teams() {
        return TEAMS.stream()
                .map(t -> new DemoPlan.Team(
                        t.name(),
                        t.description(),
                        t.members().stream().map(m -> email(m.name())).toList()))
                .toList();
    }

    static String email(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").replace(' ', '.') + DOMAIN;
    }
}
