-- Policy versions authored by operators (the built-in ones ship in the code), vulnerability tickets
-- with their event histories, and the table of the database-backed job scheduler.

create table policy_versions (
    id              varchar(64)     primary key,
    status          varchar(16)     not null,
    effective_from  date            not null,
    document        varchar(200000) not null,
    created_by      varchar(254)    not null,
    created_at      timestamp with time zone not null,
    published_by    varchar(254),
    published_at    timestamp with time zone,
    version         integer         not null
);

create table ticket_counter (
    id    integer primary key,
    next  bigint  not null
);
insert into ticket_counter (id, next) values (1, 1);

-- The events are the truth; the other columns are a projection recomputed on every change, for queries.
create table tickets (
    ticket_key      varchar(32)  primary key,
    project         varchar(10)  not null,
    number          bigint       not null,
    type            varchar(16)  not null,
    partner_id      varchar(63)  not null references partners (id),
    app_key         varchar(200) not null references apps (app_key),
    hosting         varchar(16)  not null,
    title           varchar(300) not null,
    status          varchar(32)  not null,
    severity        varchar(16)  not null,
    score           double precision not null,
    policy_version  varchar(64)  not null,
    reported_at     timestamp with time zone not null,
    clock_start_at  timestamp with time zone not null,
    due_at          timestamp with time zone not null,
    triage_due_at   timestamp with time zone,
    breached_at     timestamp with time zone,
    assignees       varchar(4000) not null,
    version         integer      not null,
    updated_at      timestamp with time zone not null
);
create index tickets_order on tickets (project, number);
create index tickets_partner on tickets (partner_id);
create index tickets_app on tickets (app_key);
create index tickets_due on tickets (due_at);
create index tickets_status on tickets (status);

create table ticket_events (
    ticket_key  varchar(32)   not null references tickets (ticket_key) on delete cascade,
    seq         integer       not null,
    at          timestamp with time zone not null,
    event       varchar(12000) not null,
    primary key (ticket_key, seq)
);

-- db-scheduler's table (its documented PostgreSQL schema, in types H2 also speaks).
create table scheduled_tasks (
    task_name             varchar(100) not null,
    task_instance         varchar(100) not null,
    task_data             bytea,
    execution_time        timestamp with time zone not null,
    picked                boolean      not null,
    picked_by             varchar(50),
    last_success          timestamp with time zone,
    last_failure          timestamp with time zone,
    consecutive_failures  integer,
    last_heartbeat        timestamp with time zone,
    version               bigint       not null,
    priority              smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority on scheduled_tasks (priority, execution_time);
