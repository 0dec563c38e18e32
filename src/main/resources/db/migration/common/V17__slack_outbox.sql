-- Calls to Slack travel through the notification outbox (channel SLACK). request: the Web API call
-- as JSON ({"method": ..., "args": {...}}), or null for a page sent as a direct message. lane: the
-- Slack rate bucket the call counts against ("slack:chat:<channel>" one message a second per
-- channel, "slack:tier2" about 20 a minute, "slack:tier3" about 50 a minute); pace_millis: the gap
-- between two calls of the lane. A burst or a Slack outage waits in its lane and never holds up
-- e-mail or webhook deliveries.
alter table notification_deliveries add column lane varchar(120);
alter table notification_deliveries add column pace_millis int;
alter table notification_deliveries add column request varchar(40000);
create index notification_deliveries_lane_ix on notification_deliveries (lane, status, id);

-- When each lane may make its next call (bumped by every call, pushed later by Slack's Retry-After);
-- version makes the bump a compare-and-set, so two nodes never take one slot.
create table notification_lanes (
    lane    varchar(120) not null primary key,
    next_at timestamp with time zone not null,
    version bigint       not null default 0
);

-- One key for a Slack message, live or imported: "slack:<channel>:<ts>" in external_id. Entries an
-- export imported before keep their key there too, unless the message was mirrored already.
update timeline_entries set external_id = import_key
 where import_key like 'slack:%' and external_id is null
   and not exists (select 1 from timeline_entries o
                    where o.incident_id = timeline_entries.incident_id and o.external_id = timeline_entries.import_key);
