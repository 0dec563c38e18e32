-- When Cairn planned the closing message (and, once Slack took it, the archive) of an incident's
-- channel: at most once per channel, and no card edits after it.
alter table slack_channels add column closing_at timestamp with time zone;
