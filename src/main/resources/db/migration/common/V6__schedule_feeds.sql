-- A schedule's calendar feed is read by calendar apps through a secret URL: only the token's
-- SHA-256 (hex) is kept, unique so a token names one schedule; null until a writer asks for a link.
alter table schedules add column feed_token_hash varchar(64);
create unique index schedules_feed_token_uq on schedules (feed_token_hash);
