-- Reminders for surveys and interviews (db-scheduler executions; these columns are their fences).

-- Whether the one survey reminder went out. Set in the same conditional update that gives the person
-- a new link (the reminder rotates token_hash), so two nodes or a revived execution remind once.
alter table survey_invitations add column reminded boolean not null default false;

-- The scheduled time the last interview reminder was sent for: an interview moved to another time
-- is reminded again, a revived or stale execution for the same time is not.
alter table review_interviews add column reminded_for timestamp with time zone;
