-- Full-text search over incident titles and timeline text (PostgreSQL only; H2 uses LIKE).
create index incidents_title_fts on incidents using gin (to_tsvector('simple', title));
create index timeline_entries_body_fts on timeline_entries using gin (to_tsvector('simple', body));
