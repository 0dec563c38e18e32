/**
 * Patterns across incidents: load per person and team (in each person's own time-of-day bands),
 * expertise concentration per service, participation and talk share, cost beyond duration, MTTx
 * distributions with annotations, learning health, and audit evidence for auditors. Views read
 * pre-aggregated facts that a durable job keeps up to date; drills are kept apart and private
 * incidents never become identifiable.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insights")
package dev.cairn.insights;
