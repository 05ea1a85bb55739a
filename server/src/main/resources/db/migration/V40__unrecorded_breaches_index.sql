-- The breach job reads the open tickets past due whose breach is not recorded yet, oldest due date
-- first. Along the index of open due dates it stepped over every open ticket whose breach was already
-- recorded: at a million tickets, 341,000 of them on every run, 0.2 s on PostgreSQL and 4 to 7 s on H2,
-- and again for each chunk of a catch-up. Here the unrecorded ones are a range of their own (breached_at
-- null), in due-date order.
create index tickets_unrecorded_breaches on tickets (breached_at, open_due_at);
