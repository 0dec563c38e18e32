/**
 * Guidance for responders: checklists per severity and per role that each incident gets and
 * people tick in the room, role cards that tell a new role holder what the role means and its
 * first steps, and nudges when an incident drifts (no commander, no update, an unacknowledged page,
 * a silent room), checked by a fenced db-scheduler job per open incident.
 */
package dev.cairn.guidance;
