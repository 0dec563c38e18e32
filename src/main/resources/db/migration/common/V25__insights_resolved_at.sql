-- Learning health counts incidents by when they resolved (a review is due once an incident is
-- resolved), so the facts keep the resolution time beside the declaration time.
alter table insights_incidents add column resolved_at timestamp with time zone;
update insights_incidents set resolved_at = (select i.resolved_at from incidents i where i.id = insights_incidents.incident_id);
create index insights_incidents_resolved_at_ix on insights_incidents (resolved_at);
