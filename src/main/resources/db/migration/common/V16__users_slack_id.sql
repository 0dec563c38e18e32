-- Slack messages are matched to their author by the Slack id on the profile, once per message.
create index users_slack_id_ix on users (slack_id);
