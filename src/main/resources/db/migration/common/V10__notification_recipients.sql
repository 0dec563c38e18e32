-- Deliveries to recipients who are not Cairn users (audience e-mail lists and webhooks, status page
-- subscribers): no user, and a webhook's signing secret kept with the delivery.
alter table notification_deliveries alter column user_id drop not null;
alter table notification_deliveries add column secret varchar(200);
