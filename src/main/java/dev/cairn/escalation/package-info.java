/**
 * Escalation: policies of ordered steps (users, schedules, teams, each with a wait for an
 * acknowledgement), and pages — one escalation run that notifies each step's people until someone
 * acknowledges or the alert or incident is resolved. Steps run on db-scheduler, fenced by the
 * page's version so each fires exactly once across nodes; a step with nobody to page raises an
 * admin alert instead of stopping silently.
 */
package dev.cairn.escalation;
