/**
 * Action items: proposed in an incident and decided explicitly (do, won't do, later) apart from
 * the story of what happened; items decided "do" get an owner, a due date and the owner's team,
 * and are synced to GitHub Issues, Jira or Linear by a durable job that never creates two issues for one
 * item, while a periodic job brings the tracker's state (closed, reopened) back.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Action items")
package dev.cairn.action;
