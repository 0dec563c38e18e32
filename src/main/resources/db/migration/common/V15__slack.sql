-- Slack: messages mirrored from an incident channel keep Slack's id ("slack:<channel>:<ts>") per
-- incident, so a retried event adds nothing (insert ... on conflict do nothing). NULL ids (entries
-- written in Cairn) never conflict.
alter table timeline_entries add column external_id varchar(200);
create unique index timeline_entries_external_id_ux on timeline_entries (incident_id, external_id);

-- The Slack channel of an incident (one each way).
create table slack_channels (
    incident_id bigint      not null primary key references incidents (id) on delete cascade,
    channel_id  varchar(40) not null,
    linked_at   timestamp with time zone not null
);
create unique index slack_channels_channel_ux on slack_channels (channel_id);

-- Events already handled, by Slack's event_id: Slack retries an event up to three times.
create table slack_events (
    event_id    varchar(100) not null primary key,
    received_at timestamp with time zone not null
);
