-- Each audit entry records the hash scheme its hash uses. Entries written before this version use
-- scheme 1 (an absent partner hashed as the empty string) and keep verifying; new entries use scheme 2
-- (absent distinct from empty, instants at a fixed precision).
alter table audit_log add column scheme smallint default 1 not null;
