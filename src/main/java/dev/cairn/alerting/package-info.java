/**
 * Inbound alerts: integrations with secret hook URLs, payload parsers (Alertmanager, Grafana,
 * PagerDuty Events v2, a mapped generic JSON webhook), and alert groups deduplicated by the
 * database. An alert is stored before the hook answers 2xx; under overload the hook answers 503
 * with Retry-After, never dropping anything silently.
 */
package dev.cairn.alerting;
