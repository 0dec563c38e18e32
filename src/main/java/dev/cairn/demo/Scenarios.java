package dev.cairn.demo;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What goes wrong, in the words responders use. Placeholders: {svc} the affected service, {since}
 * the local time impact started, {sha} a deploy, {n} a number, {pct} a percentage.
 */
final class Scenarios {

    /**
     * One kind of incident: {@code services} it fits (empty: any), then lines for each phase of
     * the response. {@code cause} and {@code fix} are the key moments that get starred.
     */
    record Scenario(
            List<String> services,
            String title,
            String summary,
            List<String> symptoms,
            List<String> investigation,
            String cause,
            String fix,
            List<String> recovery) {}

    static final List<Scenario> REAL = List.of(
            new Scenario(
                    List.of("Consul"),
                    "Consul leader elections flapping",
                    "Consul servers keep losing their leader; service discovery lookups time out across the fleet.",
                    List.of(
                            "Consul leader changed 6 times in the last 10 minutes",
                            "Seeing DNS lookup timeouts from sidecars since {since}"),
                    List.of(
                            "Raft commit latency on consul-server-2 is at 900ms, others ~20ms",
                            "consul-server-2 disk is saturated, iowait at {pct}%",
                            "Snapshot job kicked off at the same time, could be contending",
                            "Checking whether the autopilot config changed recently"),
                    "The snapshot agent was moved onto the same volume as the raft data yesterday; that's our contention",
                    "Stopped the snapshot agent and stepped down consul-server-2, leader stable for 5 minutes now",
                    List.of("No leader changes for 15 minutes", "DNS timeouts back to zero")),
            new Scenario(
                    List.of("Consul"),
                    "Services failing health checks after Consul ACL change",
                    "A tightened ACL policy left some agents without permission to register checks.",
                    List.of("Half of the payments pods are marked critical in Consul since {since}"),
                    List.of(
                            "Agents log 'Permission denied' on check registration",
                            "The ACL policy was updated by the Terraform pipeline at {since}",
                            "Only agents using the legacy token are affected"),
                    "The new policy dropped service:write for the legacy agent token",
                    "Reverted the ACL policy in Terraform, agents re-registering",
                    List.of("All checks passing again", "Traffic distribution back to normal")),
            new Scenario(
                    List.of("Edge Gateway", "Kubernetes Cluster"),
                    "Elevated 502s from the edge",
                    "A share of requests through the edge gateway fail with 502 Bad Gateway.",
                    List.of("Seeing 502s from the edge since {since}", "Error rate on the edge is at {pct}%"),
                    List.of(
                            "Upstream connect errors concentrated on eu-west",
                            "The envoy config push at {since} lines up with the spike",
                            "Not all pods picked up the new listener config",
                            "Canary pods look fine, it's the old node pool"),
                    "Deploy {sha} changed the upstream keepalive to a value the old node pool can't honour",
                    "Rolling back deploy {sha}",
                    List.of("Error rate back to baseline", "502s are gone, p99 latency normal")),
            new Scenario(
                    List.of("Edge Gateway"),
                    "TLS certificate expired on api.example.com",
                    "Clients get certificate errors calling the public API.",
                    List.of(
                            "Customers reporting certificate errors on api.example.com",
                            "Synthetic checks red since {since}"),
                    List.of(
                            "Certificate expired at {since}, renewal job failed silently",
                            "cert-manager can't complete the DNS challenge"),
                    "The DNS provider API token used by cert-manager was rotated and not updated",
                    "Issued the certificate manually and rolled it out to the edge",
                    List.of("Synthetic checks green", "Added an alert on certificate expiry < 14 days")),
            new Scenario(
                    List.of("Payments API", "Checkout", "Fraud Scoring"),
                    "Payment authorisations timing out",
                    "A share of card authorisations time out; customers see failed checkouts.",
                    List.of(
                            "Checkout conversion dropped {pct}% since {since}",
                            "Seeing timeouts calling the card provider"),
                    List.of(
                            "Provider status page is green",
                            "Timeouts only on the eu-west egress IPs",
                            "Connection pool to the provider is at max ({n}/{n})",
                            "Retries are piling up and making it worse"),
                    "A retry storm after a provider blip exhausted our connection pool",
                    "Lowered retries to 1 and doubled the pool, restarting payments-api pods",
                    List.of("Authorisation success rate back to 99.6%", "Queue of pending captures drained")),
            new Scenario(
                    List.of("Checkout", "Payments API"),
                    "Checkout errors after deploy {sha}",
                    "A checkout release breaks order submission for some carts.",
                    List.of("Error rate on checkout-web jumped to {pct}% at {since}"),
                    List.of(
                            "Stack traces point at the new promo-code validation",
                            "Only carts with gift cards are failing",
                            "Deploy {sha} went out 10 minutes before"),
                    "The promo validation assumes every line item has a price; gift cards don't",
                    "Rolling back deploy {sha}",
                    List.of("Error rate back to baseline", "Retried the failed orders from the dead-letter queue")),
            new Scenario(
                    List.of("Billing Jobs"),
                    "Nightly invoicing run stuck",
                    "The invoicing job did not finish; invoices for today are not sent.",
                    List.of("Invoicing job still running after {n} hours, normally 40 minutes"),
                    List.of(
                            "Job is waiting on a lock in the invoices table",
                            "A manual data fix from yesterday left a long transaction open"),
                    "An abandoned psql session held a row lock all night",
                    "Terminated the session, the job resumed",
                    List.of("Invoicing finished, all invoices sent", "Payouts will go out on time")),
            new Scenario(
                    List.of("Auth Service", "SSO Connector", "User Profile"),
                    "Sign-in failures for some customers",
                    "Some customers cannot sign in; sessions are rejected.",
                    List.of(
                            "Login success rate dropped to {pct}% since {since}",
                            "Support has 40 tickets about logins"),
                    List.of(
                            "Token validation failing with 'kid not found'",
                            "JWKS cache on half the pods is stale",
                            "Key rotation ran at {since}"),
                    "Pods that started before the key rotation never refresh their JWKS cache",
                    "Rolling restart of auth-service to pick up the new keys",
                    List.of("Login success rate back to 99.9%", "Support confirms customers can sign in")),
            new Scenario(
                    List.of("SSO Connector"),
                    "SAML logins failing for an enterprise customer",
                    "One enterprise customer's users cannot sign in through their identity provider.",
                    List.of("Enterprise customer escalated: none of their users can sign in since {since}"),
                    List.of("Assertion signature validation fails", "Their IdP rotated its signing certificate"),
                    "Customer rotated their IdP certificate without telling us",
                    "Uploaded the new IdP certificate with their admin on a call",
                    List.of("Customer confirms logins work again")),
            new Scenario(
                    List.of("Kafka", "Search Indexer", "Analytics Warehouse"),
                    "Consumer lag growing on {svc}",
                    "Events are processed late; downstream data is stale.",
                    List.of(
                            "Consumer lag on the orders topic at {n}k and climbing",
                            "Search results are {n} minutes stale"),
                    List.of(
                            "One partition is way behind the others",
                            "A poison message keeps failing deserialisation and being retried",
                            "Broker 3 has under-replicated partitions too"),
                    "A producer started sending a new schema version the consumers can't read",
                    "Deployed the consumer with the new schema, skipping the poisoned offset",
                    List.of("Lag decreasing, {n}k left", "Lag back under 1k")),
            new Scenario(
                    List.of("Kafka", "Kubernetes Cluster"),
                    "Disk full on {svc} nodes",
                    "Nodes ran out of disk; writes fail.",
                    List.of("Disk usage alert at 95% on three nodes since {since}"),
                    List.of(
                            "Log retention job hasn't run for 4 days",
                            "Cron for the cleanup was removed in the last refactor"),
                    "The retention cleanup cron was deleted in the config refactor",
                    "Freed space by hand and restored the cleanup cron",
                    List.of("Disk at 61%, writes succeeding")),
            new Scenario(
                    List.of("Mobile Backend", "Push Notifications"),
                    "Crash spike in the iOS app after release",
                    "The new iOS release crashes on launch for some users.",
                    List.of("Crash-free sessions dropped to {pct}% after the 5.12 rollout"),
                    List.of(
                            "Crashes all in the new onboarding screen",
                            "Only users with an old cached feature flag payload",
                            "Backend returns a null where the app expects a list"),
                    "The feature-flag endpoint returns null for users created before March",
                    "Hotfixed the backend to always return a list, paused the phased rollout",
                    List.of("Crash-free sessions back to 99.8%")),
            new Scenario(
                    List.of("Push Notifications"),
                    "Push notifications delayed",
                    "Push notifications arrive minutes to hours late.",
                    List.of("Push queue depth at {n}k since {since}"),
                    List.of("APNs returns 429s", "We are sending every notification twice since the last deploy"),
                    "Deploy {sha} doubled the send calls and hit the APNs rate limit",
                    "Rolling back deploy {sha}",
                    List.of("Queue drained, delivery latency normal")),
            new Scenario(
                    List.of(),
                    "Database connection pool exhausted on {svc}",
                    "{svc} cannot get database connections; requests fail or hang.",
                    List.of(
                            "{svc} p99 latency at {n}s since {since}",
                            "Seeing 'connection is not available' in the {svc} logs"),
                    List.of(
                            "Active connections pinned at max",
                            "A slow query from the new report endpoint holds connections for 30s",
                            "Database CPU is fine, it's the pool"),
                    "The new report endpoint runs an unindexed query inside a transaction",
                    "Disabled the report endpoint behind its flag, pool recovering",
                    List.of("Connections back to normal", "Error rate back to baseline")),
            new Scenario(
                    List.of(),
                    "Elevated latency on {svc}",
                    "{svc} responds slowly; some clients time out.",
                    List.of("{svc} p95 went from 120ms to {n}ms at {since}"),
                    List.of(
                            "GC pauses are long on the new instances",
                            "Instances were resized to a smaller type by the cost-saving change",
                            "Heap settings didn't change with the instance size"),
                    "The instance downsizing left the JVM with a heap larger than the container limit allows",
                    "Rolled the instances back to the previous size",
                    List.of("Latency back to baseline")),
            new Scenario(
                    List.of(),
                    "DNS resolution failures from {svc}",
                    "{svc} intermittently fails to resolve internal names.",
                    List.of("Intermittent 'unknown host' errors from {svc} since {since}"),
                    List.of("Only on nodes in one availability zone", "CoreDNS pods there are being OOM-killed"),
                    "CoreDNS memory limit too low after the cluster grew",
                    "Raised the CoreDNS memory limit and added two replicas",
                    List.of("No resolution errors for 20 minutes")));

    static final List<Scenario> DRILLS = List.of(
            new Scenario(
                    List.of("Consul"),
                    "Game day: lose the Consul leader",
                    "Planned drill: we kill the Consul leader and watch how fast we notice and recover.",
                    List.of("Drill starting: terminating the current Consul leader now"),
                    List.of("New leader elected in 9 seconds", "Two services logged discovery errors for 30s"),
                    "Those two services cache lookups without a fallback",
                    "Drill over, restored the node",
                    List.of("Writing up the two services that didn't cope")),
            new Scenario(
                    List.of(),
                    "Drill: {svc} failover to the secondary region",
                    "Planned failover exercise for {svc}.",
                    List.of("Drill: shifting {svc} traffic to us-east"),
                    List.of("Traffic shifted in 4 minutes", "Runbook step 5 is out of date"),
                    "Runbook assumes the old load balancer names",
                    "Failed back to eu-west",
                    List.of("Runbook updated")));

    static final List<Scenario> PRIVATE = List.of(new Scenario(
            List.of(),
            "Suspected credential exposure in {svc} logs",
            "Credentials may have been written to logs; restricted to the people handling it.",
            List.of("Found what looks like API keys in {svc} debug logs"),
            List.of(
                    "Debug logging was enabled for a customer investigation",
                    "Logs are retained for 7 days, access is limited"),
            "Debug logging printed request headers including API keys",
            "Rotated the affected keys and purged the log indices",
            List.of("Access review shows no use of the exposed keys")));

    /** While the cause is unknown. */
    static final List<String> CHATTER = List.of(
            "Looking",
            "On it",
            "Joining the bridge",
            "Pulling up the dashboards",
            "Anything deployed in the last hour?",
            "Nothing in the deploy log for {svc} today",
            "I can take the logs",
            "Checking the runbook",
            "Can someone confirm customer impact?",
            "Support is seeing tickets about this",
            "Paging the {svc} owner",
            "Let's not restart anything until we have a heap dump",
            "I'll watch the error rate",
            "Graphs attached in the thread",
            "Holding the release train until this is over",
            "Is this related to the incident last week?",
            "Status page updated",
            "+1, same on my side");

    /** Once the cause is known, while the fix goes out. */
    static final List<String> FIXING = List.of(
            "PR for the fix is up, need a reviewer",
            "Approved",
            "Deploying to the canary first",
            "Canary looks healthy",
            "Rolling out to the rest of the fleet",
            "Rollout at 50%",
            "I'll keep an eye on the error budget",
            "Holding the release train until this is over",
            "Status page updated");

    /** After the fix, while people watch it hold. */
    static final List<String> WATCHING = List.of(
            "Graphs look flat",
            "Watching for another 30 minutes before we call it",
            "No new tickets from support in the last 20 minutes",
            "I'm dropping off the bridge, ping me if it comes back",
            "Let's capture the follow-ups in the review, not here",
            "Alert cleared");

    static final List<String> UPDATES = List.of(
            "Update: we are investigating degraded {svc}. Some customers see errors. Next update in 30 minutes.",
            "Update: cause identified, a fix is being applied to {svc}. Next update in 30 minutes.",
            "Update: a fix is in place and we are monitoring {svc}. Impact has stopped for most customers.");

    /** The values one incident's lines share, so its cause and its rollback name the same deploy. */
    record Vars(String service, String since, String sha) {

        static Vars of(String service, String since, RandomGenerator random) {
            return new Vars(service, since, String.format("%06x", random.nextInt(1 << 24)));
        }
    }

    static String fill(String text, Vars vars, RandomGenerator random) {
        return text.replace("{svc}", vars.service())
                .replace("{since}", vars.since())
                .replace("{sha}", vars.sha())
                .replace("{n}", String.valueOf(2 + random.nextInt(48)))
                .replace("{pct}", String.valueOf(5 + random.nextInt(60)));
    }

    private Scenarios() {}
}
