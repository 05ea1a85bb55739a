-- The secret part of the address Bugcrowd's outgoing webhook delivers to (docs/bugcrowd.md), sealed;
-- null until an administrator makes one.
alter table bugcrowd_connection add column webhook_token varchar(1000);
