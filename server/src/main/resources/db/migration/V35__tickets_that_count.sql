-- A partner's evaluation reads only the tickets that can count: the open ones, and the closed ones
-- due in the year before (the SLA attainment). These two indexes find them without visiting the rest
-- of the partner's tickets in the table (most of a marketplace's history is closed and older).
create index tickets_partner_open on tickets (partner_id, open_due_at);
create index tickets_partner_due on tickets (partner_id, due_at);
