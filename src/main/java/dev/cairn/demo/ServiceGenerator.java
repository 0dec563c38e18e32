package dev.cairn.demo;

import java.util.List;
import java.util.Locale;

/**
 * The demo catalog: services with owners, tiers, runbooks and their go-to experts. The experts
 * drive who is pulled into incidents, so that the expertise charts have something to show.
 */
final class ServiceGenerator {

    private record Spec(String name, String description, String team, int tier, double weight, List<String> experts) {}

    private static final List<Spec> SPECS = List.of(
            new Spec(
                    "Consul",
                    "Service discovery and configuration for every workload.",
                    "Platform",
                    1,
                    4.0,
                    List.of("Ariel Cohen", "Tomasz Nowak", "Priya Raman")),
            new Spec(
                    "Kubernetes Cluster",
                    "The production clusters in eu-west and us-east.",
                    "Platform",
                    1,
                    2.0,
                    List.of("Tomasz Nowak", "Owen Gallagher", "Jake Morrison")),
            new Spec(
                    "Edge Gateway",
                    "TLS termination, routing and rate limiting in front of every public API.",
                    "Platform",
                    1,
                    2.5,
                    List.of("Jake Morrison", "Priya Raman", "Lena Fischer")),
            new Spec(
                    "Payments API",
                    "Authorises, captures and refunds payments with our providers.",
                    "Payments",
                    1,
                    2.0,
                    List.of("Sofia Marquez", "Daniel Kim")),
            new Spec(
                    "Checkout",
                    "The cart and checkout flow on web and mobile.",
                    "Payments",
                    1,
                    2.0,
                    List.of("Daniel Kim", "Camille Laurent")),
            new Spec(
                    "Billing Jobs",
                    "Nightly invoicing, dunning and payouts.",
                    "Payments",
                    2,
                    1.0,
                    List.of("Rahul Mehta", "Hannah Becker")),
            new Spec(
                    "Fraud Scoring",
                    "Scores every payment attempt before authorisation.",
                    "Payments",
                    3,
                    0.8,
                    List.of("Camille Laurent", "Sofia Marquez")),
            new Spec(
                    "Auth Service",
                    "Sign-in, sessions and tokens for customers and staff.",
                    "Identity",
                    1,
                    2.0,
                    List.of("Marcus Johnson", "Aisha Bello")),
            new Spec(
                    "SSO Connector",
                    "SAML and OIDC federation with customers' identity providers.",
                    "Identity",
                    2,
                    1.0,
                    List.of("Yuki Tanaka", "Chloe Martin")),
            new Spec(
                    "User Profile",
                    "Profiles, preferences and consent records.",
                    "Identity",
                    3,
                    0.7,
                    List.of("Vikram Iyer", "Aisha Bello")),
            new Spec(
                    "Kafka",
                    "The event backbone between services.",
                    "Data",
                    2,
                    2.0,
                    List.of("Nina Petrova", "Ethan Walker")),
            new Spec(
                    "Analytics Warehouse",
                    "Reporting and dashboards for the business, loaded hourly.",
                    "Data",
                    3,
                    1.0,
                    List.of("Ananya Sharma", "Lucas Moreau")),
            new Spec(
                    "Search Indexer",
                    "Keeps product and help-center search up to date.",
                    "Data",
                    3,
                    0.8,
                    List.of("Grace O'Neill", "Nina Petrova")),
            new Spec(
                    "Mobile Backend",
                    "The API the iOS and Android apps talk to.",
                    "Mobile",
                    2,
                    1.5,
                    List.of("Mia Thompson", "Leo Rossi")),
            new Spec(
                    "Push Notifications",
                    "Delivers push notifications through APNs and FCM.",
                    "Mobile",
                    3,
                    1.0,
                    List.of("Isabel Santos", "Noah Williams")),
            new Spec(
                    "Help Center",
                    "Customer-facing help articles and the contact form.",
                    "Customer Support",
                    4,
                    0.5,
                    List.of("Ravi Kapoor", "Jack Wilson")));

    List<DemoPlan.Service> services() {
        return SPECS.stream()
                .map(s -> new DemoPlan.Service(
                        s.name(),
                        s.description(),
                        s.team(),
                        s.tier(),
                        links(s.name()),
                        s.experts().stream().map(PeopleGenerator::email).toList()))
                .toList();
    }

    /** How often each service is hit, in the same order as {@link #services()}. */
    double[] weights() {
        return SPECS.stream().mapToDouble(Spec::weight).toArray();
    }

    private static List<DemoPlan.Link> links(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replace(' ', '-');
        return List.of(
                new DemoPlan.Link("Runbook", "https://runbooks.example.com/" + slug),
                new DemoPlan.Link("Dashboard", "https://grafana.example.com/d/" + slug));
    }
}
