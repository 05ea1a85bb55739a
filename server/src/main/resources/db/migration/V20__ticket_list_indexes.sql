-- Ticket lists at a million tickets.
--
-- open_due_at is an open ticket's due date, null once the ticket is closed: the "open", "overdue" and
-- "due within" filters and the open list sorted by due date read one index range instead of the whole
-- table, most of which is closed tickets. The application writes it with status and due_at.
--
-- Every sort order over the whole list has an index that ends in the ticket key (the tie-break of every
-- order), so that a page anywhere in the list is read from the index in order, without sorting what
-- comes before it. (One partner's or one app's tickets, a few thousand at most, are found by their own
-- index and sorted; tickets_partner also serves the partner's foreign key, so it stays as it is.)

alter table tickets add column open_due_at timestamp with time zone;
update tickets set open_due_at = due_at where status not in ('PATCHED', 'DUPLICATE', 'NOT_APPLICABLE');
create index tickets_open_due on tickets (open_due_at, project, number);

drop index tickets_due;
create index tickets_due on tickets (due_at, project, number);
create index tickets_reported on tickets (reported_at, project, number);
create index tickets_score on tickets (score, project, number);
