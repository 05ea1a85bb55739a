-- Bugcrowd (docs/bugcrowd.md). One connection per Warden (per marketplace): the REST API's address, an
-- API token (sealed) and the API version pinned for it.
create table bugcrowd_connection (
    id                 integer       not null primary key,
    api_url            varchar(300)  not null,
    api_token          varchar(2000) not null,
    api_version        varchar(20)   not null,
    enabled            boolean       not null,
    last_pull_at       timestamp with time zone,
    last_error         varchar(1000),
    last_error_at      timestamp with time zone,
    updated_at         timestamp with time zone not null,
    updated_by         varchar(200)  not null
);

-- A Bugcrowd program (by its code) linked to a Warden bug bounty program, with the Bugcrowd targets
-- that name the apps' listings (JSON: target name -> "app-key/CLOUD").
create table bugcrowd_programs (
    code               varchar(100)  not null primary key,
    program_id         varchar(100)  not null,
    partner_id         varchar(100)  not null,
    targets            varchar(8000) not null,
    last_pull_at       timestamp with time zone,
    created_at         timestamp with time zone not null,
    created_by         varchar(200)  not null
);
create index bugcrowd_programs_partner on bugcrowd_programs (partner_id);

-- Each submission seen, once: what Bugcrowd last said of it, the ticket it opened (at most one), and
-- why it has none yet. The program's health figures are computed from these rows.
create table bugcrowd_submissions (
    submission_id      varchar(64)   not null primary key,
    program_code       varchar(100)  not null,
    ticket_key         varchar(40)   unique,
    title              varchar(300)  not null,
    state              varchar(40)   not null,
    priority           integer,
    cvss_score         double precision,
    target             varchar(300),
    duplicate          boolean       not null,
    duplicate_of       varchar(64),
    submitted_at       timestamp with time zone not null,
    triaged_at         timestamp with time zone,
    decided_at         timestamp with time zone,
    resolved_at        timestamp with time zone,
    first_reward_at    timestamp with time zone,
    last_reward_at     timestamp with time zone,
    rewards_cents      bigint        not null,
    problem            varchar(500),
    seen_at            timestamp with time zone not null
);
create index bugcrowd_submissions_program on bugcrowd_submissions (program_code, submitted_at);
