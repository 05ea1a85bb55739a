-- What a ticket says beyond its title (docs/tickets.md#details): its description in Markdown (what is
-- wrong, the steps to reproduce), the weakness as a CWE id and the affected versions. Shown with the
-- ticket; never read by its clock or the rules. One row per ticket that has any.
create table ticket_details (
    ticket_key        varchar(32)    primary key,
    description       varchar(20000),
    cwe               varchar(16),
    affected_versions varchar(500),
    updated_at        timestamp with time zone not null,
    updated_by        varchar(254)   not null
);
