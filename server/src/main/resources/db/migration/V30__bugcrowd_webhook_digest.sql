-- Bugcrowd's outgoing webhook (docs/bugcrowd.md): the secret Bugcrowd signs deliveries with
-- (X-Bugcrowd-Digest), sealed, null while the digest is not checked; when the last delivery was admitted;
-- and the deliveries refused at the right address (a wrong digest), with the last reason.
alter table bugcrowd_connection add column webhook_secret varchar(1000);
alter table bugcrowd_connection add column webhook_received_at timestamp with time zone;
alter table bugcrowd_connection add column webhook_refused bigint default 0 not null;
alter table bugcrowd_connection add column webhook_refused_at timestamp with time zone;
alter table bugcrowd_connection add column webhook_refusal varchar(300);
