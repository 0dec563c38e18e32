/**
 * The public status page: components mapped to services, maintenance windows, and status page
 * incidents — the public wording of an internal incident, published explicitly by a writer and
 * never for private incidents or drills. The page, its feeds and JSON are served from a snapshot
 * kept in memory per node and rebuilt on change (a version in the database), so they answer fast
 * and keep answering when the database is slow. E-mail subscribers confirm by a link first.
 */
package dev.cairn.statuspage;
