-- An incident channel Cairn created: its pinned summary card and its checklist message (Slack's ts,
-- known once the post succeeded) are edited in place as the incident changes. refresh_due marks a
-- pending refresh: a burst of changes sets it once and one job edits both messages.
alter table slack_channels add column summary_ts varchar(40);
alter table slack_channels add column checklist_ts varchar(40);
alter table slack_channels add column refresh_due timestamp with time zone;

-- /incident update carries the update's text to its job.
alter table slack_commands alter column argument set data type varchar(4000);
