-- Indexes a large import into the embedded database set aside while it writes (ADR 025): each one's
-- definition is recorded here before it is dropped, and forgotten once it has been created again. A row
-- left behind (the import's process died in between) is created again at the next start, before
-- anything else migrates.
create table set_aside_indexes (
    name varchar(128) primary key,
    table_name varchar(128) not null,
    definition varchar(4000) not null,
    set_aside_at timestamp with time zone not null
);
