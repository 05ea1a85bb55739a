-- The partners' other obligations (docs/policy sections 4 to 7): incidents, bug bounty programs,
-- verifications, entity changes and token use. Each record is stored whole, as the JSON of its
-- warden.snapshot/v1 form (the core records check it on every read and write); the columns beside it
-- are what lists filter and sort on. One script for H2 (PostgreSQL mode) and PostgreSQL.

create table obligations (
    kind        varchar(24)     not null,
    id          varchar(200)    not null,
    partner_id  varchar(63)     not null references partners (id),
    state       varchar(32)     not null,
    body        varchar(1000000) not null,
    version     integer         not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    primary key (kind, id)
);
create index obligations_partner on obligations (partner_id, kind);
create index obligations_state on obligations (kind, state);

-- The next number of each kind's ids (INC-1, BB-1, VER-1, CHG-1); moved past numbers an import brought.
create table obligation_counters (
    kind  varchar(24) primary key,
    next  bigint      not null
);
insert into obligation_counters (kind, next) values ('INCIDENT', 1);
insert into obligation_counters (kind, next) values ('BOUNTY_PROGRAM', 1);
insert into obligation_counters (kind, next) values ('VERIFICATION', 1);
insert into obligation_counters (kind, next) values ('ENTITY_CHANGE', 1);
