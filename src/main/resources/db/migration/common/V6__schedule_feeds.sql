-- A schedule's calendar feed is read by calendar apps through a secret URL: only the token's
-- SHA-256 (hex) is kept, unique so a token names one schedule; null until a writer asks for a link.
alter table schedules add column feed_token_hash varchar(64);
create unique index schedules_feed_token_uq on schedules (feed_token_hash);

-- A person's own feed: their shifts across all schedules, by a secret URL of its own.
create table oncall_person_feeds (
    user_id    bigint primary key references users (id) on delete cascade,
    token_hash varchar(64) not null,
    created_at timestamp with time zone not null
);
create unique index oncall_person_feeds_token_uq on oncall_person_feeds (token_hash);
