/**
 * People and permissions: users, teams, roles, API tokens, sessions, login throttling and the
 * audit log. Other modules ask {@link dev.cairn.identity.Actors} who is acting and record their
 * writes with {@link dev.cairn.identity.Audit}.
 */
package dev.cairn.identity;
